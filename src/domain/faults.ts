// Faults the control API can switch on: what each one is, and what the API answers while it is on.
import { invalidParameter } from './errors.js';

export type FaultKind = 'spot-capacity-unavailable' | 'fargate-capacity-unavailable' | 'control-plane-outage';
export const FAULT_KINDS: readonly FaultKind[] = ['spot-capacity-unavailable', 'fargate-capacity-unavailable', 'control-plane-outage'];

/** How the ECS API answers during an outage: 503 ServiceUnavailable (AWS-wide) or 500 ServerException (ECS's own). */
export type OutageError = 'ServiceUnavailable' | 'ServerException';

export interface FaultRecord {
  id: string;
  kind: FaultKind;
  /** control-plane-outage only. */
  error?: OutageError;
  createdAt: number;
}

/**
 * RunTask's failure reason, and the service event's, when Fargate has no capacity. AWS writes it without a final
 * period in RunTask's failures[] (re:Post "ecs-fargate-runtask-capacity"; client code matching it) and with one in
 * service events ("was unable to place a task. Reason: …zone.").
 */
export const CAPACITY_UNAVAILABLE = 'Capacity is unavailable at this time. Please try again later or in a different availability zone';

/** The capacity provider a capacity fault takes away. */
export const providerOfFault = (kind: FaultKind): string | undefined =>
  kind === 'spot-capacity-unavailable' ? 'FARGATE_SPOT' : kind === 'fargate-capacity-unavailable' ? 'FARGATE' : undefined;

export function parseFaultRequest(body: unknown): { kind: FaultKind; error?: OutageError } {
  const b = (body ?? {}) as { kind?: unknown; error?: unknown };
  if (typeof b.kind !== 'string' || !(FAULT_KINDS as readonly string[]).includes(b.kind)) {
    throw invalidParameter(`kind must be one of ${FAULT_KINDS.join(', ')}.`);
  }
  const kind = b.kind as FaultKind;
  if (b.error !== undefined && b.error !== 'ServiceUnavailable' && b.error !== 'ServerException') {
    throw invalidParameter('error must be ServiceUnavailable or ServerException.');
  }
  return kind === 'control-plane-outage' ? { kind, error: (b.error as OutageError | undefined) ?? 'ServiceUnavailable' } : { kind };
}
