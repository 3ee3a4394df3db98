import type * as Ecs from '@aws-sdk/client-ecs';
import { resolveCluster } from '../store/clusters.js';
import type { ActionContext } from './context.js';
import { containerInstanceNotFound } from './support/container-instances.js';

export function deregisterContainerInstance(
  ctx: ActionContext,
  input: Ecs.DeregisterContainerInstanceRequest,
): Ecs.DeregisterContainerInstanceResponse {
  const { scope, deps } = ctx;
  deps.store.read(scope, (state) => resolveCluster(state, scope, input.cluster));
  throw containerInstanceNotFound();
}
