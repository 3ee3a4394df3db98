import { elbListenerRuleArn } from '../../domain/arn.js';
import type { RuleRecord } from '../../domain/elbv2/records.js';
import { type AwsQueryAction, members, queryParams as q } from '../../protocol/aws-query.js';
import { priorityInUse, validationError } from '../errors.js';
import { checkForwardTargets, listener, rulesOf } from '../support/lookup.js';
import { actionsOf, conditionsOf, tagsOf } from '../support/params.js';
import { elbId, updateElb } from '../support/state.js';
import { ruleXml } from '../wire/xml.js';

export function checkPriority(priority: number | undefined): number {
  if (priority === undefined)
    throw validationError("1 validation error detected: Value null at 'priority' failed to satisfy constraint: Member must not be null");
  if (priority < 1 || priority > 50000)
    throw validationError(
      `1 validation error detected: Value '${priority}' at 'priority' failed to satisfy constraint: Member must have value between 1 and 50000`,
    );
  return priority;
}

export const createRule: AwsQueryAction = (ctx) => {
  const p = ctx.params;
  const listenerArn = q.requiredStr(p, 'ListenerArn');
  const priority = checkPriority(q.int(p, 'Priority'));
  const conditions = conditionsOf(p);
  const actions = actionsOf(p, 'Actions');
  const tags = tagsOf(p);
  const rule = updateElb(ctx, (s) => {
    const l = listener(s, listenerArn);
    if (rulesOf(s, listenerArn).some((r) => r.priority === priority)) throw priorityInUse(priority);
    checkForwardTargets(s, actions, l.loadBalancerArn);
    const record: RuleRecord = {
      ruleArn: elbListenerRuleArn(listenerArn, elbId(ctx)),
      listenerArn,
      priority,
      conditions,
      actions,
      createdAt: ctx.deps.clock.now(),
    };
    s.listenerRules[record.ruleArn] = record;
    if (tags.length) s.tags[record.ruleArn] = tags;
    return record;
  });
  return { Rules: members([ruleXml(rule)]) };
};
