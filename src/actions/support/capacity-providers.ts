// Finding the capacity provider a request names (name or ARN), for Update/DeleteCapacityProvider.
import { parseArn } from '../../domain/arn.js';
import type { CapacityProviderRecord } from '../../domain/capacity-provider.js';
import { isFargateCapacityProvider } from '../../domain/capacity-provider-strategy.js';
import { clientException, invalidParameter } from '../../domain/errors.js';
import type { RegionState } from '../../store/schema.js';

export const CAPACITY_PROVIDER_NOT_FOUND = 'The specified capacity provider does not exist.';

export function capacityProviderNameOf(ref: string): string {
  if (!ref.startsWith('arn:')) return ref;
  const parsed = parseArn(ref);
  if (parsed?.resourceType !== 'capacity-provider') throw invalidParameter('The specified capacity provider ARN is not valid.');
  return parsed.resource;
}

/** The ACTIVE created provider `ref` names; FARGATE and FARGATE_SPOT cannot be changed. */
export function activeCapacityProvider(state: RegionState, ref: string): CapacityProviderRecord {
  const name = capacityProviderNameOf(ref);
  if (isFargateCapacityProvider(name)) throw clientException(`The ${name} capacity provider is managed by AWS and cannot be changed.`);
  const record = state.capacityProviders[name];
  if (record?.status !== 'ACTIVE') throw clientException(CAPACITY_PROVIDER_NOT_FOUND);
  return record;
}
