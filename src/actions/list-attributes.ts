import type * as Ecs from '@aws-sdk/client-ecs';
import { invalidParameter } from '../domain/errors.js';
import { paginate } from '../domain/pagination.js';
import { resolveCluster } from '../store/clusters.js';
import type { ActionContext } from './context.js';

/** No container instance, so no attribute: an empty list once the request is checked. */
export function listAttributes(ctx: ActionContext, input: Ecs.ListAttributesRequest): Ecs.ListAttributesResponse {
  const { scope, deps } = ctx;
  if (input.attributeValue !== undefined && input.attributeName === undefined) {
    throw invalidParameter('attributeValue can only be specified together with attributeName.');
  }
  return deps.store.read(scope, (state) => {
    resolveCluster(state, scope, input.cluster);
    const page = paginate([] as Ecs.Attribute[], (a) => a.name ?? '', input, { defaultSize: 100, max: 100 });
    return { attributes: page.items, nextToken: page.nextToken };
  });
}
