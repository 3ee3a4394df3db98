import type * as Ecs from '@aws-sdk/client-ecs';
import { fargateCapacityProviders, toWireCapacityProvider } from '../domain/capacity-provider.js';
import { paginate } from '../domain/pagination.js';
import type { ActionContext } from './context.js';
import { capacityProviderNameOf } from './support/capacity-providers.js';

/** FARGATE and FARGATE_SPOT, which every account has, and the created ones (deleted ones as INACTIVE); names or ARNs not found are MISSING failures. */
export function describeCapacityProviders(
  ctx: ActionContext,
  input: Ecs.DescribeCapacityProvidersRequest,
): Ecs.DescribeCapacityProvidersResponse {
  const { scope, deps } = ctx;
  const withTags = (input.include ?? []).includes('TAGS');
  return deps.store.read(scope, (state) => {
    const wire = (p: Ecs.CapacityProvider): Ecs.CapacityProvider => ({
      ...p,
      ...(withTags ? { tags: state.tags[p.capacityProviderArn!] ?? [] } : {}),
    });
    const all: Ecs.CapacityProvider[] = [
      ...fargateCapacityProviders(scope),
      ...Object.values(state.capacityProviders ?? {}).map((record) => toWireCapacityProvider(record)),
    ].sort((a, b) => (a.name! < b.name! ? -1 : a.name! > b.name! ? 1 : 0));
    if (input.capacityProviders?.length) {
      const capacityProviders: Ecs.CapacityProvider[] = [];
      const failures: Ecs.Failure[] = [];
      for (const ref of input.capacityProviders) {
        const name = ref.startsWith('arn:') ? safeName(ref) : ref;
        const found = all.find((p) => p.name === name && (!ref.startsWith('arn:') || p.capacityProviderArn === ref));
        if (found) capacityProviders.push(wire(found));
        else failures.push({ arn: ref, reason: 'MISSING' });
      }
      return { capacityProviders, failures };
    }
    const page = paginate(all, (p) => p.name!, input, { defaultSize: 10, max: 10 });
    return { capacityProviders: page.items.map(wire), failures: [], nextToken: page.nextToken };
  });
}

function safeName(arn: string): string | undefined {
  try {
    return capacityProviderNameOf(arn);
  } catch {
    return undefined;
  }
}
