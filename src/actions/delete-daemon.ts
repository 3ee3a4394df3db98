import type * as Ecs from '@aws-sdk/client-ecs';
import type { ActionContext } from './context.js';
import { findDaemon, toWireDaemonChange } from './support/daemons.js';

/** DELETE_IN_PROGRESS, as AWS answers; with no daemon task to stop, the daemon is gone right after. */
export function deleteDaemon(ctx: ActionContext, input: Ecs.DeleteDaemonRequest): Ecs.DeleteDaemonResponse {
  const { scope, deps } = ctx;
  const now = deps.clock.now();
  return deps.store.update(scope, (state) => {
    const daemon = findDaemon(state, input.daemonArn!);
    const answer = toWireDaemonChange({ ...daemon, status: 'DELETE_IN_PROGRESS', updatedAt: now });
    delete state.daemons[daemon.daemonArn];
    delete state.tags[daemon.daemonArn];
    return answer;
  });
}
