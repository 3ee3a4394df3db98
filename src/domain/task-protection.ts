// Task scale-in protection (GetTaskProtection / UpdateTaskProtection, and the agent's task-protection endpoint).
// Only tasks of a service can be protected; protection lasts `expiresInMinutes` (1 to 2880, default 120) and is
// over by itself once that time has passed. Pure: the caller passes the time.
import { invalidParameter } from './errors.js';
import type { TaskRecord } from './task.js';

export const DEFAULT_PROTECTION_MINUTES = 120;
export const MIN_PROTECTION_MINUTES = 1;
export const MAX_PROTECTION_MINUTES = 2880;
/** UpdateTaskProtection takes up to 10 tasks, GetTaskProtection up to 100. */
export const MAX_UPDATE_TASKS = 10;
export const MAX_GET_TASKS = 100;

/** What ECS answers for one task (wire names; `expirationDate` in epoch ms, only while protected). */
export interface ProtectionState {
  taskArn: string;
  protectionEnabled: boolean;
  expirationDate?: number;
}

export interface ProtectionFailure {
  arn: string;
  /** MISSING: no such task in the cluster; TASK_NOT_VALID: not a service's task, or no longer running. */
  reason: 'MISSING' | 'TASK_NOT_VALID';
}

/** Tasks a service started carry the group `service:<name>` (as on AWS). */
export const belongsToService = (task: Pick<TaskRecord, 'group'>) => task.group.startsWith('service:');

export function isProtected(task: Pick<TaskRecord, 'protection'>, now: number): boolean {
  return task.protection !== undefined && task.protection.expiresAt > now;
}

export function protectionState(task: TaskRecord, now: number): ProtectionState {
  return isProtected(task, now)
    ? { taskArn: task.taskArn, protectionEnabled: true, expirationDate: task.protection!.expiresAt }
    : { taskArn: task.taskArn, protectionEnabled: false };
}

/** The failure ECS reports for a task that cannot be protected, or null when it can. */
export function protectionFailure(task: TaskRecord): ProtectionFailure | null {
  if (!belongsToService(task) || task.desiredStatus === 'STOPPED' || task.lastStatus === 'STOPPED') {
    return { arn: task.taskArn, reason: 'TASK_NOT_VALID' };
  }
  return null;
}

/** Checks `expiresInMinutes` as UpdateTaskProtection does (only meaningful when enabling). */
export function protectionMinutes(enabled: boolean, expiresInMinutes: number | undefined): number {
  if (!enabled) return 0;
  const minutes = expiresInMinutes ?? DEFAULT_PROTECTION_MINUTES;
  if (!Number.isInteger(minutes) || minutes < MIN_PROTECTION_MINUTES || minutes > MAX_PROTECTION_MINUTES) {
    throw invalidParameter(
      `The value for expiresInMinutes must be between ${MIN_PROTECTION_MINUTES} and ${MAX_PROTECTION_MINUTES} minutes.`,
    );
  }
  return minutes;
}

/** Sets or clears protection on a task that can be protected (see protectionFailure); resets the expiry each time. */
export function applyProtection(task: TaskRecord, enabled: boolean, minutes: number, now: number): ProtectionState {
  if (enabled) task.protection = { expiresAt: now + minutes * 60_000 };
  else delete task.protection;
  return protectionState(task, now);
}
