import type * as Ecs from '@aws-sdk/client-ecs';
import { partitionOf } from '../domain/arn.js';
import type { ActionContext } from './context.js';

/** The agent's first call: where its control (ACS), telemetry (TCS) and Service Connect channels are, as AWS names them. */
export function discoverPollEndpoint(ctx: ActionContext, _input: Ecs.DiscoverPollEndpointRequest): Ecs.DiscoverPollEndpointResponse {
  const { region } = ctx.scope;
  const domain = partitionOf(region) === 'aws-cn' ? 'amazonaws.com.cn' : 'amazonaws.com';
  return {
    endpoint: `https://ecs-a-1.${region}.${domain}/`,
    telemetryEndpoint: `https://ecs-t-1.${region}.${domain}/`,
    serviceConnectEndpoint: `https://ecs-sc.${region}.api.aws`,
  };
}
