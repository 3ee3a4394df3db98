// The persisted document: one JSON file, versioned so later changes can migrate it.
import type { ClusterRecord } from '../domain/cluster.js';
import type { Tag } from '../domain/tags.js';
import type { AccountSettingRecord } from '../domain/account-settings.js';

export const SCHEMA_VERSION = 1;

/** Everything one account owns in one region. */
export interface RegionState {
  /** By cluster name. */
  clusters: Record<string, ClusterRecord>;
  /** By resource ARN. */
  tags: Record<string, Tag[]>;
  /** By setting name, then principal ARN ('' = the account default). */
  accountSettings: Record<string, Record<string, AccountSettingRecord>>;
}

export interface StateDocument {
  schemaVersion: number;
  /** By `<accountId>/<region>`. */
  scopes: Record<string, RegionState>;
}

export function emptyRegionState(): RegionState {
  return { clusters: {}, tags: {}, accountSettings: {} };
}

export function emptyDocument(): StateDocument {
  return { schemaVersion: SCHEMA_VERSION, scopes: {} };
}
