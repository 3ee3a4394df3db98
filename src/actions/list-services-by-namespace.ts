import type * as Ecs from '@aws-sdk/client-ecs';
import { namespaceByNameOrArn } from '../domain/cloudmap/service-connect.js';
import { invalidParameter } from '../domain/errors.js';
import { paginate } from '../domain/pagination.js';
import type { ActionContext } from './context.js';

/** The ARNs of the ACTIVE and DRAINING services (any cluster) in a Service Connect namespace, by name or ARN. */
export function listServicesByNamespace(
  ctx: ActionContext,
  input: Ecs.ListServicesByNamespaceRequest,
): Ecs.ListServicesByNamespaceResponse {
  const { scope, deps } = ctx;
  const ns = input.namespace ?? '';
  if (!ns) throw invalidParameter('Namespace cannot be empty.');
  return deps.store.read(scope, (state) => {
    // A name stands for the Cloud Map namespace of that name (services keep its ARN).
    const wanted = namespaceByNameOrArn(state, ns)?.arn ?? ns;
    const arns = Object.values(state.services)
      .filter((s) => s.status !== 'INACTIVE' && s.namespace !== undefined && sameNamespace(s.namespace, wanted))
      .map((s) => s.serviceArn)
      .sort();
    const page = paginate(arns, (a) => a, input, { defaultSize: 10, max: 100 });
    return { serviceArns: page.items, nextToken: page.nextToken };
  });
}

/** A namespace is named by its name or its Cloud Map ARN; either names the same one. */
function sameNamespace(a: string, b: string): boolean {
  if (a === b) return true;
  const tail = (x: string) => (x.startsWith('arn:') ? x.split('/').pop() : x);
  return tail(a) === tail(b);
}
