import type * as Ecs from '@aws-sdk/client-ecs';
import type { ActionContext } from './context.js';
import { findDaemon, toWireDaemonDetail } from './support/daemons.js';

export function describeDaemon(ctx: ActionContext, input: Ecs.DescribeDaemonRequest): Ecs.DescribeDaemonResponse {
  const { scope, deps } = ctx;
  return deps.store.read(scope, (state) => ({ daemon: toWireDaemonDetail(findDaemon(state, input.daemonArn!)) }));
}
