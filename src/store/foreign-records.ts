// Read access to collections other modules own (tasks, services, container instances, ...), for the cluster and
// tagging code, without depending on their record types. A collection that RegionState does not have yet reads as
// empty; records are matched by the wire field names (`clusterArn`, `taskArn`, `serviceArn`, ...).
import type { RegionState } from './schema.js';

export type LooseRecord = Record<string, unknown>;

/** The records of `state[key]` (a map by id), or none. */
export function foreignRecords(state: Readonly<RegionState>, key: string): LooseRecord[] {
  const value = (state as unknown as LooseRecord)[key];
  if (!value || typeof value !== 'object') return [];
  return Object.values(value as LooseRecord).filter((v): v is LooseRecord => typeof v === 'object' && v !== null);
}

/** The record of `state[key]` whose `arnField` is `arn`. */
export const foreignRecordByArn = (state: Readonly<RegionState>, key: string, arnField: string, arn: string) =>
  foreignRecords(state, key).find((r) => r[arnField] === arn);

export const stringField = (v: unknown) => (typeof v === 'string' ? v : undefined);
