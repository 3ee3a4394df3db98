// Elastic Load Balancing v2 on the emulator's port, in the awsQuery protocol (API version 2015-12-01). After any
// action that changes something, the answer waits until the data plane follows (a new listener is listening).
import { type AwsQueryAction, createAwsQueryService } from '../protocol/aws-query.js';
import type { QueryService } from '../protocol/query.js';
import { ELBV2_ACTIONS } from './index.js';

export const ELBV2_API_VERSION = '2015-12-01';
export const ELBV2_NAMESPACE = 'http://elasticloadbalancing.amazonaws.com/doc/2015-12-01/';

const followedByDataPlane = (name: string, action: AwsQueryAction): AwsQueryAction =>
  name.startsWith('Describe')
    ? action
    : async (ctx) => {
        const result = await action(ctx);
        await ctx.deps.loadBalancing?.changed(ctx.scope);
        return result;
      };

export function createElbv2Service(actions: Readonly<Record<string, AwsQueryAction>> = ELBV2_ACTIONS): QueryService {
  const wrapped = Object.fromEntries(Object.entries(actions).map(([name, a]) => [name, followedByDataPlane(name, a)]));
  return createAwsQueryService({ version: ELBV2_API_VERSION, xmlNamespace: ELBV2_NAMESPACE, actions: wrapped, name: 'elbv2' });
}
