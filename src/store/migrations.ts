// Brings a state document written by an older fargate-local up to SCHEMA_VERSION, one step at a time, and
// refuses anything it cannot read for sure: a newer version, a missing version, a shape that is not ours.
import { emptyRegionState, SCHEMA_VERSION, type StateDocument } from './schema.js';

export type Migration = (doc: Record<string, unknown>) => Record<string, unknown>;

/**
 * MIGRATIONS[n] turns a version-n document into version n+1. To change the persisted shape: bump SCHEMA_VERSION
 * in schema.ts and add the step here (with a test). Adding a collection to RegionState needs no step: missing
 * collections are filled in on load.
 */
export const MIGRATIONS: Readonly<Record<number, Migration>> = {
  // Version 1 was rewritten whole on every change; version 2 is a snapshot of journal entry `seq`.
  1: (doc) => ({ ...doc, seq: 0 }),
};

/** The document cannot be used by this version of fargate-local. */
export class UnsupportedSchemaError extends Error {}

export interface Migrated {
  document: StateDocument;
  /** The version the document had before migration. */
  fromVersion: number;
}

export function migrate(
  raw: unknown,
  migrations: Readonly<Record<number, Migration>> = MIGRATIONS,
  currentVersion: number = SCHEMA_VERSION,
): Migrated {
  if (!isObject(raw)) throw new UnsupportedSchemaError('it does not hold a JSON object');
  const fromVersion = raw.schemaVersion;
  if (typeof fromVersion !== 'number' || !Number.isInteger(fromVersion) || fromVersion < 1) {
    throw new UnsupportedSchemaError('it has no valid schemaVersion, so it is not a fargate-local state file');
  }
  if (fromVersion > currentVersion) {
    throw new UnsupportedSchemaError(
      `it has schema version ${fromVersion}, newer than this fargate-local understands (${currentVersion}); use a newer fargate-local`,
    );
  }
  let doc: Record<string, unknown> = raw;
  for (let version = fromVersion; version < currentVersion; version += 1) {
    const step = migrations[version];
    if (!step) throw new UnsupportedSchemaError(`there is no migration from schema version ${version}`);
    doc = { ...step(doc), schemaVersion: version + 1 };
  }
  return { document: withAllCollections(doc), fromVersion };
}

/** Fills in collections added to RegionState since the document was written. */
function withAllCollections(doc: Record<string, unknown>): StateDocument {
  const scopes = doc.scopes ?? {};
  if (!isObject(scopes)) throw new UnsupportedSchemaError('its "scopes" is not an object');
  const filled: StateDocument['scopes'] = {};
  for (const [key, region] of Object.entries(scopes)) {
    if (!isObject(region)) throw new UnsupportedSchemaError(`its scope "${key}" is not an object`);
    filled[key] = { ...emptyRegionState(), ...region };
  }
  const seq = doc.seq ?? 0;
  if (typeof seq !== 'number' || !Number.isInteger(seq) || seq < 0) throw new UnsupportedSchemaError('its "seq" is not a journal position');
  return { ...doc, schemaVersion: doc.schemaVersion as number, seq, scopes: filled };
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
