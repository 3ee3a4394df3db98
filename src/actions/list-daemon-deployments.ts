import type * as Ecs from '@aws-sdk/client-ecs';
import { paginate } from '../domain/pagination.js';
import type { ActionContext } from './context.js';
import { epochMs } from './support/timestamps.js';
import { findDaemon, toWireDaemonDeploymentSummary } from './support/daemons.js';

/** A daemon's deployments, newest first, filtered by status and creation time. */
export function listDaemonDeployments(ctx: ActionContext, input: Ecs.ListDaemonDeploymentsRequest): Ecs.ListDaemonDeploymentsResponse {
  const { scope, deps } = ctx;
  const before = epochMs(input.createdAt?.before);
  const after = epochMs(input.createdAt?.after);
  return deps.store.read(scope, (state) => {
    const daemon = findDaemon(state, input.daemonArn!);
    const keyOf = (d: { createdAt: number; daemonDeploymentArn: string }) =>
      `${String(9_999_999_999_999 - d.createdAt).padStart(13, '0')}|${d.daemonDeploymentArn}`;
    const all = Object.values(state.daemonDeployments)
      .filter(
        (d) =>
          d.daemonArn === daemon.daemonArn &&
          (!input.status?.length || input.status.includes(d.status)) &&
          (before === undefined || d.createdAt <= before) &&
          (after === undefined || d.createdAt >= after),
      )
      .sort((a, b) => (keyOf(a) < keyOf(b) ? -1 : 1));
    const page = paginate(all, keyOf, input, { defaultSize: 20, max: 100 });
    return { daemonDeployments: page.items.map(toWireDaemonDeploymentSummary), nextToken: page.nextToken };
  });
}
