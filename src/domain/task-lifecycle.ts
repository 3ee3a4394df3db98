// The task lifecycle as ECS reports it, as a pure state machine:
//   PROVISIONING → PENDING → ACTIVATING → RUNNING → DEACTIVATING → STOPPING → DEPROVISIONING → STOPPED
// A task only moves forward. A failure before RUNNING skips ahead to STOPPING (or DEPROVISIONING when nothing
// ever ran). Each change bumps `version` and stamps the timestamps ECS stamps.
import type { StopCode, TaskRecord, TaskStatus } from './task.js';

export const LIFECYCLE: readonly TaskStatus[] = [
  'PROVISIONING',
  'PENDING',
  'ACTIVATING',
  'RUNNING',
  'DEACTIVATING',
  'STOPPING',
  'DEPROVISIONING',
  'STOPPED',
];

const rank = (s: TaskStatus) => LIFECYCLE.indexOf(s);

export class IllegalTransitionError extends Error {}

export function canAdvance(from: TaskStatus, to: TaskStatus): boolean {
  return rank(to) > rank(from);
}

/** Moves the task to `to` at time `now`, stamping what ECS stamps. Mutates and returns `task`. */
export function advance(task: TaskRecord, to: TaskStatus, now: number): TaskRecord {
  if (!canAdvance(task.lastStatus, to)) {
    throw new IllegalTransitionError(`task ${task.taskId}: ${task.lastStatus} → ${to}`);
  }
  task.lastStatus = to;
  task.version += 1;
  switch (to) {
    case 'PENDING':
      task.connectivity = 'CONNECTED';
      task.connectivityAt ??= now;
      break;
    case 'RUNNING':
      task.startedAt = now;
      break;
    case 'STOPPING':
      task.stoppingAt ??= now;
      break;
    case 'DEPROVISIONING':
      task.stoppingAt ??= now;
      task.executionStoppedAt ??= now;
      break;
    case 'STOPPED':
      task.stoppingAt ??= now;
      task.executionStoppedAt ??= now;
      task.stoppedAt = now;
      task.desiredStatus = 'STOPPED';
      for (const c of task.containers) if (c.lastStatus !== 'STOPPED') c.lastStatus = 'STOPPED';
      break;
    default:
      break;
  }
  return task;
}

/**
 * Records the intent to stop: desiredStatus STOPPED with the code and reason ECS reports. The first stop
 * request wins (a later StopTask does not overwrite why the task is stopping). Returns whether anything changed.
 */
export function requestStop(task: TaskRecord, stopCode: StopCode, reason: string, now: number): boolean {
  if (task.desiredStatus === 'STOPPED') return false;
  task.desiredStatus = 'STOPPED';
  task.stopCode = stopCode;
  task.stoppedReason = reason;
  task.stoppingAt ??= now;
  task.version += 1;
  return true;
}

/** The first status of the stop path from where the task stands now. */
export function firstStopStatus(task: TaskRecord): TaskStatus {
  if (task.lastStatus === 'RUNNING' || task.lastStatus === 'ACTIVATING') return 'DEACTIVATING';
  if (task.containers.some((c) => c.started && c.lastStatus !== 'STOPPED')) return 'STOPPING';
  return 'DEPROVISIONING';
}

export const STOPPED_BY_USER = 'Task stopped by user';
export const ESSENTIAL_CONTAINER_EXITED = 'Essential container in task exited';
export const OUT_OF_MEMORY = 'OutOfMemoryError: Container killed due to memory usage';
