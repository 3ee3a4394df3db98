import type * as Ecs from '@aws-sdk/client-ecs';
import { invalidParameter } from '../domain/errors.js';
import { paginate } from '../domain/pagination.js';
import type { ActionContext } from './context.js';
import { resolveCluster } from '../store/clusters.js';
import { isVisible } from './support/task-lookup.js';

export function listTasks(ctx: ActionContext, input: Ecs.ListTasksRequest): Ecs.ListTasksResponse {
  const { scope, deps } = ctx;
  if (input.containerInstance) throw invalidParameter('Container instances are not supported by Fargate.');
  const desired = input.desiredStatus ?? 'RUNNING';
  const now = deps.clock.now();
  return deps.store.read(scope, (state) => {
    const cluster = resolveCluster(state, scope, input.cluster);
    const arns = Object.values(state.tasks)
      .filter(
        (t) =>
          t.clusterArn === cluster.clusterArn &&
          isVisible(t, now, deps.config.stoppedTaskRetentionMs) &&
          (desired === 'STOPPED'
            ? t.desiredStatus === 'STOPPED'
            : desired === 'PENDING'
              ? t.desiredStatus === 'RUNNING' && t.lastStatus !== 'RUNNING'
              : t.desiredStatus === 'RUNNING') &&
          (!input.family || t.family === input.family) &&
          (!input.startedBy || t.startedBy === input.startedBy) &&
          (!input.serviceName || t.group === `service:${input.serviceName}`) &&
          (!input.launchType || t.launchType === input.launchType),
      )
      .map((t) => t.taskArn)
      .sort();
    const page = paginate(arns, (a) => a, input, { defaultSize: 100, max: 100 });
    return { taskArns: page.items, nextToken: page.nextToken };
  });
}
