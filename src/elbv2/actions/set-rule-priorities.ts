import { type AwsQueryAction, members, queryParams as q } from '../../protocol/aws-query.js';
import { operationNotPermitted, priorityInUse, validationError } from '../errors.js';
import { rule, rulesOf } from '../support/lookup.js';
import { updateElb } from '../support/state.js';
import { ruleXml } from '../wire/xml.js';
import { checkPriority } from './create-rule.js';

export const setRulePriorities: AwsQueryAction = (ctx) => {
  const wanted = q
    .structList(ctx.params, 'RulePriorities')
    .map((r) => ({ arn: q.requiredStr(r, 'RuleArn'), priority: checkPriority(q.int(r, 'Priority')) }));
  if (wanted.length === 0)
    throw validationError(
      "1 validation error detected: Value null at 'rulePriorities' failed to satisfy constraint: Member must not be null",
    );
  const dup = wanted.find((w, i) => wanted.findIndex((o) => o.priority === w.priority) !== i);
  if (dup) throw priorityInUse(dup.priority);
  const rules = updateElb(ctx, (s) => {
    const changed = wanted.map((w) => {
      if (Object.values(s.listeners).some((l) => l.defaultRuleArn === w.arn))
        throw operationNotPermitted(`Default rule '${w.arn}' cannot be given a priority`);
      return { record: rule(s, w.arn), priority: w.priority };
    });
    for (const c of changed) {
      const clash = rulesOf(s, c.record.listenerArn).find(
        (r) => r.priority === c.priority && r.ruleArn !== c.record.ruleArn && !changed.some((o) => o.record.ruleArn === r.ruleArn),
      );
      if (clash) throw priorityInUse(c.priority);
    }
    for (const c of changed) c.record.priority = c.priority;
    return changed.map((c) => c.record);
  });
  return { Rules: members(rules.map(ruleXml)) };
};
