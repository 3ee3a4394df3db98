// Finding tasks a request names: by id or ARN, within one cluster, hiding stopped tasks past their retention.
import { isArn, parseArn } from '../../domain/arn.js';
import type { ClusterRecord } from '../../domain/cluster.js';
import type { TaskRecord } from '../../domain/task.js';
import type { RegionState } from '../../store/schema.js';

/** The task id a reference means: the id itself, or the last part of a task ARN (long or short format). */
export function taskIdOf(ref: string): string | null {
  if (!isArn(ref)) return /^[a-f0-9]{32}$/.test(ref) ? ref : null;
  const parsed = parseArn(ref);
  if (parsed?.resourceType !== 'task') return null;
  return parsed.resource.split('/').pop() ?? null;
}

/** Whether DescribeTasks and ListTasks still show the task (stopped tasks go after the retention period). */
export function isVisible(task: TaskRecord, now: number, retentionMs: number): boolean {
  return task.lastStatus !== 'STOPPED' || (task.stoppedAt ?? 0) + retentionMs > now;
}

export function findTask(
  state: Readonly<RegionState>,
  cluster: ClusterRecord,
  ref: string,
  now: number,
  retentionMs: number,
): TaskRecord | undefined {
  const id = taskIdOf(ref);
  const task = id ? state.tasks[id] : undefined;
  if (!task || task.clusterArn !== cluster.clusterArn || !isVisible(task, now, retentionMs)) return undefined;
  return task;
}
