import type * as Ecs from '@aws-sdk/client-ecs';
import { resolveCluster } from '../store/clusters.js';
import type { ActionContext } from './context.js';
import { identityDocumentNotValid } from './support/container-instances.js';

/** The agent's registration call. No EC2 instance or SSM managed instance exists here to vouch for the caller. */
export function registerContainerInstance(
  ctx: ActionContext,
  input: Ecs.RegisterContainerInstanceRequest,
): Ecs.RegisterContainerInstanceResponse {
  const { scope, deps } = ctx;
  deps.store.read(scope, (state) => resolveCluster(state, scope, input.cluster));
  throw identityDocumentNotValid();
}
