// Brings a document written by an older version up to SCHEMA_VERSION, one step at a time.
import { emptyRegionState, SCHEMA_VERSION, type StateDocument } from './schema.js';

type Migration = (doc: Record<string, unknown>) => Record<string, unknown>;

/** MIGRATIONS[n] turns a version-n document into version n+1. */
const MIGRATIONS: Record<number, Migration> = {};

export class UnsupportedSchemaError extends Error {}

export function migrate(raw: unknown): StateDocument {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    throw new UnsupportedSchemaError('the state file does not hold a JSON object');
  }
  let doc = raw as Record<string, unknown>;
  let version = typeof doc.schemaVersion === 'number' ? doc.schemaVersion : 0;
  if (version > SCHEMA_VERSION) {
    throw new UnsupportedSchemaError(
      `the state file has schema version ${version}, newer than this fargate-local understands (${SCHEMA_VERSION})`,
    );
  }
  while (version < SCHEMA_VERSION) {
    const step = MIGRATIONS[version];
    if (!step) throw new UnsupportedSchemaError(`no migration from schema version ${version}`);
    doc = step(doc);
    version += 1;
    doc.schemaVersion = version;
  }
  const result = doc as unknown as StateDocument;
  // Fill in collections added to RegionState since the document was written, without a version bump.
  for (const key of Object.keys(result.scopes ?? {})) {
    result.scopes[key] = { ...emptyRegionState(), ...result.scopes[key] };
  }
  result.scopes ??= {};
  return result;
}
