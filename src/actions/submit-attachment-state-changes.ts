import type * as Ecs from '@aws-sdk/client-ecs';
import { resolveCluster } from '../store/clusters.js';
import type { ActionContext } from './context.js';
import { notAnAgent } from './support/container-instances.js';

/** An agent call: refused, since no container instance (and so no agent) exists here; Fargate reports for itself. */
export function submitAttachmentStateChanges(
  ctx: ActionContext,
  input: Ecs.SubmitAttachmentStateChangesRequest,
): Ecs.SubmitAttachmentStateChangesResponse {
  const { scope, deps } = ctx;
  deps.store.read(scope, (state) => resolveCluster(state, scope, input.cluster));
  throw notAnAgent();
}
