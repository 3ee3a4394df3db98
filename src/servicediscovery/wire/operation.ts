// An operation as GetOperation shows it.
import { operationStatus, operationUpdatedAt } from '../../domain/cloudmap/operations.js';
import type { OperationRecord } from '../../domain/cloudmap/records.js';
import type { Scope } from '../../domain/scope.js';

export function operationWire(scope: Scope, op: OperationRecord, now: number) {
  return {
    Id: op.id,
    OwnerAccount: scope.accountId,
    Type: op.type,
    Status: operationStatus(op, now),
    CreateDate: new Date(op.createdAt),
    UpdateDate: new Date(operationUpdatedAt(op, now)),
    Targets: op.targets,
  };
}
