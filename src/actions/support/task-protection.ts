// GetTaskProtection and UpdateTaskProtection share the look-up: each reference becomes the task's protection, or a
// failure (MISSING: no such task in the cluster; TASK_NOT_VALID: not a running service task).
import type * as Ecs from '@aws-sdk/client-ecs';
import type { ClusterRecord } from '../../domain/cluster.js';
import type { ProtectionFailure, ProtectionState } from '../../domain/task-protection.js';
import type { TaskRecord } from '../../domain/task.js';
import type { RegionState } from '../../store/schema.js';
import { findTask } from './task-lookup.js';

export interface ProtectionLookup {
  tasks: TaskRecord[];
  failures: ProtectionFailure[];
}

export function lookUpTasks(
  state: Readonly<RegionState>,
  cluster: ClusterRecord,
  refs: readonly string[],
  now: number,
  retentionMs: number,
): ProtectionLookup {
  const tasks: TaskRecord[] = [];
  const failures: ProtectionFailure[] = [];
  for (const ref of refs) {
    const task = findTask(state, cluster, ref, now, retentionMs);
    if (task) tasks.push(task);
    else failures.push({ arn: ref, reason: 'MISSING' });
  }
  return { tasks, failures };
}

export function toWireProtectedTask(p: ProtectionState): Ecs.ProtectedTask {
  return {
    taskArn: p.taskArn,
    protectionEnabled: p.protectionEnabled,
    ...(p.expirationDate !== undefined ? { expirationDate: new Date(p.expirationDate) } : {}),
  };
}

export const toWireFailure = (f: ProtectionFailure): Ecs.Failure => ({ arn: f.arn, reason: f.reason });
