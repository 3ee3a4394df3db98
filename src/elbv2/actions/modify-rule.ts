import { type AwsQueryAction, members, queryParams as q } from '../../protocol/aws-query.js';
import { checkForwardTargets, listener, rule } from '../support/lookup.js';
import { actionsOf, conditionsOf } from '../support/params.js';
import { updateElb } from '../support/state.js';
import { defaultRuleXml, ruleXml } from '../wire/xml.js';
import { operationNotPermitted } from '../errors.js';

export const modifyRule: AwsQueryAction = (ctx) => {
  const p = ctx.params;
  const arn = q.requiredStr(p, 'RuleArn');
  const conditions = q.structList(p, 'Conditions').length ? conditionsOf(p) : undefined;
  const actions = q.structList(p, 'Actions').length ? actionsOf(p, 'Actions') : undefined;
  const xml = updateElb(ctx, (s) => {
    const owner = Object.values(s.listeners).find((l) => l.defaultRuleArn === arn);
    if (owner) {
      // The default rule: only its actions change (they are the listener's default actions).
      if (conditions) throw operationNotPermitted('Conditions cannot be specified for a default rule');
      if (actions) {
        checkForwardTargets(s, actions, owner.loadBalancerArn);
        owner.defaultActions = actions;
      }
      return defaultRuleXml(owner);
    }
    const r = rule(s, arn);
    if (actions) {
      checkForwardTargets(s, actions, listener(s, r.listenerArn).loadBalancerArn);
      r.actions = actions;
    }
    if (conditions) r.conditions = conditions;
    return ruleXml(r);
  });
  return { Rules: members([xml]) };
};
