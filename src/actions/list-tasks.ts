import type * as Ecs from '@aws-sdk/client-ecs';
import { invalidParameter } from '../domain/errors.js';
import { paginateSorted } from '../domain/pagination.js';
import type { ActionContext } from './context.js';
import { resolveCluster } from '../store/clusters.js';
import { taskIdsByDesiredStatus } from '../store/queries.js';
import { isVisible } from './support/task-lookup.js';

export function listTasks(ctx: ActionContext, input: Ecs.ListTasksRequest): Ecs.ListTasksResponse {
  const { scope, deps } = ctx;
  if (input.containerInstance) throw invalidParameter('Container instances are not supported by Fargate.');
  const desired = input.desiredStatus ?? 'RUNNING';
  const now = deps.clock.now();
  return deps.store.read(scope, (state) => {
    const cluster = resolveCluster(state, scope, input.cluster);
    // The cluster's tasks of that desired status, in ARN order (ids sort as the ARNs of one cluster do).
    const ids = taskIdsByDesiredStatus(state, cluster.clusterArn, desired === 'STOPPED' ? 'STOPPED' : 'RUNNING');
    const page = paginateSorted(
      ids,
      (id) => state.tasks[id]!.taskArn,
      (id) => {
        const t = state.tasks[id]!;
        return (
          isVisible(t, now, deps.config.stoppedTaskRetentionMs) &&
          (desired !== 'PENDING' || t.lastStatus !== 'RUNNING') &&
          (!input.family || t.family === input.family) &&
          (!input.startedBy || t.startedBy === input.startedBy) &&
          (!input.serviceName || t.group === `service:${input.serviceName}`) &&
          (!input.launchType || t.launchType === input.launchType)
        );
      },
      input,
      { defaultSize: 100, max: 100 },
    );
    return { taskArns: page.items.map((id) => state.tasks[id]!.taskArn), nextToken: page.nextToken };
  });
}
