import type * as Ecs from '@aws-sdk/client-ecs';
import { usesTaskSets } from '../domain/ecs-service.js';
import { parseArn } from '../domain/arn.js';
import { invalidParameter, serviceNotFound } from '../domain/errors.js';
import { findTaskSet } from '../domain/task-set.js';
import { resolveCluster } from '../store/clusters.js';
import type { ActionContext } from './context.js';
import { findService } from './support/service-request.js';
import { notTaskSetController } from './support/task-sets.js';
import { tasksOfService } from './wire/service.js';
import { toWireTaskSet } from './wire/task-set.js';

/** The service's task sets (all, or those named; a name that matches none is a MISSING failure, an ARN of another
 * resource is refused). */
export function describeTaskSets(ctx: ActionContext, input: Ecs.DescribeTaskSetsRequest): Ecs.DescribeTaskSetsResponse {
  const { scope, deps } = ctx;
  const withTags = (input.include ?? []).includes('TAGS');
  return deps.store.read(scope, (state) => {
    const cluster = resolveCluster(state, scope, input.cluster);
    const svc = findService(state, cluster, input.service ?? '');
    if (!svc) throw serviceNotFound();
    if (!usesTaskSets(svc)) throw notTaskSetController();
    const tasks = tasksOfService(state, svc);
    const wire = (ts: NonNullable<ReturnType<typeof findTaskSet>>) =>
      toWireTaskSet(ts, svc, tasks, withTags ? (state.tags[ts.taskSetArn] ?? []) : undefined);
    if (!input.taskSets?.length) return { taskSets: (svc.taskSets ?? []).map(wire), failures: [] };
    const taskSets: Ecs.TaskSet[] = [];
    const failures: Ecs.Failure[] = [];
    for (const ref of input.taskSets) {
      // An ARN of anything else than a task set (a task's, say) is refused, as AWS does (observed for a task ARN).
      if (ref.startsWith('arn:') && parseArn(ref)?.resourceType !== 'task-set') throw invalidParameter('Task Set Identifier is invalid');
      const ts = findTaskSet(svc.taskSets, ref);
      if (ts) taskSets.push(wire(ts));
      else failures.push({ arn: ref, reason: 'MISSING' });
    }
    return { taskSets, failures };
  });
}
