import { type AwsQueryAction, queryParams as q } from '../../protocol/aws-query.js';
import { listener } from '../support/lookup.js';
import { updateElb } from '../support/state.js';

export const deleteListener: AwsQueryAction = (ctx) => {
  const arn = q.requiredStr(ctx.params, 'ListenerArn');
  updateElb(ctx, (s) => {
    listener(s, arn);
    for (const r of Object.values(s.listenerRules).filter((x) => x.listenerArn === arn)) {
      delete s.listenerRules[r.ruleArn];
      delete s.tags[r.ruleArn];
    }
    delete s.listeners[arn];
    delete s.tags[arn];
  });
  return {};
};
