import { type AwsQueryAction, queryParams as q } from '../../protocol/aws-query.js';
import { listener } from '../support/lookup.js';
import { readElb } from '../support/state.js';

/** HTTP listeners have no attributes an application load balancer lists (they are for TCP and mTLS listeners). */
export const describeListenerAttributes: AwsQueryAction = (ctx) => {
  const arn = q.requiredStr(ctx.params, 'ListenerArn');
  readElb(ctx, (s) => listener(s, arn));
  return { Attributes: '' };
};
