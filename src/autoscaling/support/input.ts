// The request members every Application Auto Scaling operation on one target carries, and the target's key.
import type { TargetRef } from '../../domain/autoscaling/records.js';

export interface TargetInput {
  ServiceNamespace: string;
  ResourceId: string;
  ScalableDimension: string;
}

export const targetRefOf = (input: TargetInput): TargetRef => ({
  serviceNamespace: input.ServiceNamespace,
  resourceId: input.ResourceId,
  scalableDimension: input.ScalableDimension,
});

/** Whether a record belongs to the namespace and, when given, the resource id and dimension of a Describe* request. */
export function matchesFilter(
  r: TargetRef,
  filter: { ServiceNamespace: string; ResourceId?: string; ResourceIds?: string[]; ScalableDimension?: string },
): boolean {
  if (r.serviceNamespace !== filter.ServiceNamespace) return false;
  if (filter.ResourceId !== undefined && r.resourceId !== filter.ResourceId) return false;
  if (filter.ResourceIds?.length && !filter.ResourceIds.includes(r.resourceId)) return false;
  if (filter.ScalableDimension !== undefined && r.scalableDimension !== filter.ScalableDimension) return false;
  return true;
}
