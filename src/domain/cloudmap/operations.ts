// Cloud Map's asynchronous operations. Namespace changes and instance (de)registrations answer with an
// OperationId; the operation is SUBMITTED at first and SUCCESS a moment later, as AWS reports them. The change
// itself is applied at once (an instance answers DiscoverInstances as soon as RegisterInstance returns).
import type { CloudMapState, OperationRecord, OperationTargetType, OperationType } from './records.js';

/** How long an operation stays SUBMITTED. */
export const OPERATION_COMPLETION_MS = 100;

export type OperationStatus = 'SUBMITTED' | 'PENDING' | 'SUCCESS' | 'FAIL';

export function recordOperation(
  state: CloudMapState,
  op: { id: string; type: OperationType; targets: Partial<Record<OperationTargetType, string>>; requestId?: string },
  now: number,
): string {
  const record: OperationRecord = {
    id: op.id,
    type: op.type,
    targets: op.targets,
    createdAt: now,
    completesAt: now + OPERATION_COMPLETION_MS,
    ...(op.requestId !== undefined ? { requestId: op.requestId } : {}),
  };
  state.cloudMapOperations[op.id] = record;
  return op.id;
}

export const operationStatus = (op: OperationRecord, now: number): OperationStatus => (now >= op.completesAt ? 'SUCCESS' : 'SUBMITTED');

/** The time of the operation's last status change. */
export const operationUpdatedAt = (op: OperationRecord, now: number) => (now >= op.completesAt ? op.completesAt : op.createdAt);

/** The earlier operation of `type` a caller's request id started, if any. */
export function operationByRequest(state: Readonly<CloudMapState>, type: OperationType, requestId: string | undefined) {
  if (requestId === undefined) return undefined;
  return Object.values(state.cloudMapOperations).find((op) => op.type === type && op.requestId === requestId);
}
