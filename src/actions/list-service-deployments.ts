import type * as Ecs from '@aws-sdk/client-ecs';
import { serviceNotFound } from '../domain/errors.js';
import { paginate } from '../domain/pagination.js';
import { resolveCluster } from '../store/clusters.js';
import type { ActionContext } from './context.js';
import { epochMs } from './support/timestamps.js';
import { serviceDeploymentsOf } from './support/service-deployments.js';
import { findService } from './support/service-request.js';
import { toWireServiceDeploymentBrief } from './wire/service-deployment.js';

/** A service's deployments, newest first, filtered by status and creation time. */
export function listServiceDeployments(ctx: ActionContext, input: Ecs.ListServiceDeploymentsRequest): Ecs.ListServiceDeploymentsResponse {
  const { scope, deps } = ctx;
  const before = epochMs(input.createdAt?.before);
  const after = epochMs(input.createdAt?.after);
  return deps.store.read(scope, (state) => {
    const cluster = resolveCluster(state, scope, input.cluster);
    const svc = findService(state, cluster, input.service!);
    if (!svc) throw serviceNotFound();
    const briefs = serviceDeploymentsOf(state, svc)
      .filter((r) => (before === undefined || r.createdAt <= before) && (after === undefined || r.createdAt >= after))
      .map((r) => toWireServiceDeploymentBrief(r, svc))
      .filter((b) => !input.status?.length || input.status.includes(b.status!));
    // Newest first; the page key sorts that way (creation time descending, then ARN).
    const keyOf = (b: Ecs.ServiceDeploymentBrief) =>
      `${String(9_999_999_999_999 - b.createdAt!.getTime()).padStart(13, '0')}|${b.serviceDeploymentArn}`;
    const sorted = briefs.sort((a, b) => (keyOf(a) < keyOf(b) ? -1 : 1));
    const page = paginate(sorted, keyOf, input, { defaultSize: 20, max: 100 });
    return { serviceDeployments: page.items, nextToken: page.nextToken };
  });
}
