import { type AwsQueryAction, queryParams as q } from '../../protocol/aws-query.js';
import { loadBalancer } from '../support/lookup.js';
import { readElb } from '../support/state.js';

/** No load balancer here has reserved capacity: the answer of a load balancer that never asked for any. */
export const describeCapacityReservation: AwsQueryAction = (ctx) => {
  const arn = q.requiredStr(ctx.params, 'LoadBalancerArn');
  readElb(ctx, (s) => loadBalancer(s, arn));
  return { DecreaseRequestsRemaining: 3, CapacityReservationState: '' };
};
