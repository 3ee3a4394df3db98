import { type AwsQueryAction, queryParams as q } from '../../protocol/aws-query.js';
import { operationNotPermitted } from '../errors.js';
import { updateElb } from '../support/state.js';

/** Deletes the load balancer with its listeners and rules (an unknown ARN is no error, as on AWS). */
export const deleteLoadBalancer: AwsQueryAction = (ctx) => {
  const arn = q.requiredStr(ctx.params, 'LoadBalancerArn');
  updateElb(ctx, (s) => {
    const lb = s.loadBalancers[arn];
    if (!lb) return;
    if (lb.attributes['deletion_protection.enabled'] === 'true')
      throw operationNotPermitted(`Load balancer '${arn}' cannot be deleted because deletion protection is enabled`);
    for (const l of Object.values(s.listeners).filter((x) => x.loadBalancerArn === arn)) {
      for (const r of Object.values(s.listenerRules).filter((x) => x.listenerArn === l.listenerArn)) {
        delete s.listenerRules[r.ruleArn];
        delete s.tags[r.ruleArn];
      }
      delete s.listeners[l.listenerArn];
      delete s.tags[l.listenerArn];
    }
    delete s.loadBalancers[arn];
    delete s.tags[arn];
  });
  return {};
};
