import type * as Ecs from '@aws-sdk/client-ecs';
import { invalidParameter } from '../domain/errors.js';
import type { ActionContext } from './context.js';
import { resolveCluster } from '../store/clusters.js';
import { findTask } from './support/task-lookup.js';
import { toWireTask } from './wire/task.js';

const MAX_TASKS = 100;

export function describeTasks(ctx: ActionContext, input: Ecs.DescribeTasksRequest): Ecs.DescribeTasksResponse {
  const { scope, deps } = ctx;
  const refs = input.tasks ?? [];
  const withTags = (input.include ?? []).includes('TAGS');
  return deps.store.read(scope, (state) => {
    // The cluster is looked up first, as on AWS: a missing one is ClusterNotFoundException even for an empty list.
    const cluster = resolveCluster(state, scope, input.cluster);
    if (refs.length === 0) throw invalidParameter('Tasks cannot be empty.');
    if (refs.length > MAX_TASKS) throw invalidParameter(`taskIds can have at most ${MAX_TASKS} items.`);
    const tasks: Ecs.Task[] = [];
    const failures: Ecs.Failure[] = [];
    for (const ref of refs) {
      const task = findTask(state, cluster, ref, deps.clock.now(), deps.config.stoppedTaskRetentionMs);
      if (task) tasks.push(toWireTask(task, withTags ? (state.tags[task.taskArn] ?? []) : undefined));
      else failures.push({ arn: ref, reason: 'MISSING' });
    }
    return { tasks, failures };
  });
}
