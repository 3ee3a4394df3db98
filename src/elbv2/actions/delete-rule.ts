import { type AwsQueryAction, queryParams as q } from '../../protocol/aws-query.js';
import { operationNotPermitted } from '../errors.js';
import { rule } from '../support/lookup.js';
import { updateElb } from '../support/state.js';

export const deleteRule: AwsQueryAction = (ctx) => {
  const arn = q.requiredStr(ctx.params, 'RuleArn');
  updateElb(ctx, (s) => {
    if (Object.values(s.listeners).some((l) => l.defaultRuleArn === arn))
      throw operationNotPermitted(`Default rule '${arn}' cannot be deleted`);
    rule(s, arn);
    delete s.listenerRules[arn];
    delete s.tags[arn];
  });
  return {};
};
