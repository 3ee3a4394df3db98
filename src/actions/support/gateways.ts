// Finding the gateway a request names (name or ARN).
import { isArn, parseArn } from '../../domain/arn.js';
import { resourceNotFound } from '../../domain/errors.js';
import type { GatewayRecord } from '../../domain/gateway.js';
import type { RegionState } from '../../store/schema.js';

export function findGateway(state: Readonly<RegionState>, ref: string): GatewayRecord {
  const parsed = isArn(ref) ? parseArn(ref) : undefined;
  const name = parsed ? (parsed.resourceType === 'gateway' ? parsed.resource : undefined) : ref;
  const gateway = name === undefined ? undefined : state.gateways?.[name];
  if (!gateway || (isArn(ref) && gateway.gatewayArn !== ref)) throw resourceNotFound('The specified gateway does not exist.');
  return gateway;
}

export const gatewayRouteNotFound = () => resourceNotFound('The specified gateway route does not exist.');
