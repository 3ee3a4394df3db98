import type * as Ecs from '@aws-sdk/client-ecs';
import { fargateCapacityProviders } from '../domain/capacity-provider.js';
import { paginate } from '../domain/pagination.js';
import type { ActionContext } from './context.js';

/** FARGATE and FARGATE_SPOT, which every account has; names or ARNs not found are MISSING failures. */
export function describeCapacityProviders(
  ctx: ActionContext,
  input: Ecs.DescribeCapacityProvidersRequest,
): Ecs.DescribeCapacityProvidersResponse {
  const all = fargateCapacityProviders(ctx.scope);
  const withTags = (input.include ?? []).includes('TAGS');
  const wire = (p: (typeof all)[number]): Ecs.CapacityProvider => ({ ...p, ...(withTags ? { tags: [] } : {}) });
  if (input.capacityProviders?.length) {
    const capacityProviders: Ecs.CapacityProvider[] = [];
    const failures: Ecs.Failure[] = [];
    for (const ref of input.capacityProviders) {
      const found = all.find((p) => p.name === ref || p.capacityProviderArn === ref);
      if (found) capacityProviders.push(wire(found));
      else failures.push({ arn: ref, reason: 'MISSING' });
    }
    return { capacityProviders, failures };
  }
  const page = paginate(all, (p) => p.name, input, { defaultSize: 10, max: 10 });
  return { capacityProviders: page.items.map(wire), failures: [], nextToken: page.nextToken };
}
