// After registration: ACTIVE → INACTIVE (DeregisterTaskDefinition) → DELETE_IN_PROGRESS (DeleteTaskDefinitions)
// → gone, once no task or service uses the revision. The family's revision counter is never reset.
import type * as Ecs from '@aws-sdk/client-ecs';
import { invalidParameter } from './errors.js';
import { TaskDefinitionMessages as M } from './task-definition-messages.js';
import { parseTaskDefinitionRef, taskDefinitionKey, type TaskDefinitionRecord, type TaskDefinitionState } from './task-definition.js';

/** Task definitions one DeleteTaskDefinitions call may name. */
export const MAX_DELETE_BATCH = 10;

/** The record after DeregisterTaskDefinition; INACTIVE and deleted revisions are returned unchanged. */
export function deregistered(record: TaskDefinitionRecord, now: number): TaskDefinitionRecord {
  if (record.status !== 'ACTIVE') return record;
  return { ...record, status: 'INACTIVE', deregisteredAt: now };
}

export interface DeletionPlan {
  /** Records now DELETE_IN_PROGRESS, in request order. */
  deleted: TaskDefinitionRecord[];
  failures: Ecs.Failure[];
}

/** DeleteTaskDefinitions: only INACTIVE (or already deleting) revisions are deleted; the rest become failures. */
export function planDeletion(state: Readonly<TaskDefinitionState>, refs: readonly string[], now: number): DeletionPlan {
  if (refs.length > MAX_DELETE_BATCH) throw invalidParameter(M.deleteTooMany);
  const plan: DeletionPlan = { deleted: [], failures: [] };
  const seen = new Map<string, TaskDefinitionRecord>();
  for (const ref of refs) {
    const parsed = parseTaskDefinitionRef(ref);
    if (!parsed || parsed.revision === undefined) {
      plan.failures.push({ arn: ref, reason: M.deleteInvalidIdentifier });
      continue;
    }
    const key = taskDefinitionKey(parsed.family, parsed.revision);
    const record = seen.get(key) ?? state.taskDefinitions[key];
    if (!record || (parsed.arnPrefix && !record.taskDefinitionArn.startsWith(parsed.arnPrefix))) {
      plan.failures.push({ arn: ref, reason: M.deleteDoesNotExist });
      continue;
    }
    if (record.status === 'ACTIVE') {
      plan.failures.push({ arn: ref, reason: M.deleteStillActive });
      continue;
    }
    const deleting: TaskDefinitionRecord = { ...record, status: 'DELETE_IN_PROGRESS', deleteRequestedAt: record.deleteRequestedAt ?? now };
    seen.set(key, deleting);
    plan.deleted.push(deleting);
  }
  return plan;
}

/**
 * Removes DELETE_IN_PROGRESS revisions no task or service uses any more, with their tags; returns their ARNs.
 * Meant for the reconcile loop, which knows what is in use. Mutates `state` (pass a store draft).
 */
export function purgeDeletedTaskDefinitions(
  state: TaskDefinitionState & { tags: Record<string, unknown> },
  inUse: (taskDefinitionArn: string) => boolean,
): string[] {
  const purged: string[] = [];
  for (const [key, record] of Object.entries(state.taskDefinitions)) {
    if (record.status !== 'DELETE_IN_PROGRESS' || inUse(record.taskDefinitionArn)) continue;
    delete state.taskDefinitions[key];
    delete state.tags[record.taskDefinitionArn];
    purged.push(record.taskDefinitionArn);
  }
  return purged;
}
