import type * as Ecs from '@aws-sdk/client-ecs';
import { invalidParameter } from '../domain/errors.js';
import { resolveCluster } from '../store/clusters.js';
import type { ActionContext } from './context.js';
import { assertAtMost, containerInstanceArnOf } from './support/container-instances.js';

/** Every instance named is a MISSING failure; nothing changes. */
export function updateContainerInstancesState(
  ctx: ActionContext,
  input: Ecs.UpdateContainerInstancesStateRequest,
): Ecs.UpdateContainerInstancesStateResponse {
  const { scope, deps } = ctx;
  const refs = input.containerInstances ?? [];
  if (refs.length === 0) throw invalidParameter('ContainerInstances cannot be empty.');
  assertAtMost(refs, 10, 'instanceIds');
  return deps.store.read(scope, (state) => {
    const cluster = resolveCluster(state, scope, input.cluster);
    return {
      containerInstances: [],
      failures: refs.map((ref) => ({ arn: containerInstanceArnOf(scope, cluster, ref), reason: 'MISSING' })),
    };
  });
}
