import { describe, expect, it } from 'vitest';
import { migrate, MIGRATIONS, UnsupportedSchemaError } from './migrations.js';
import { emptyRegionState, SCHEMA_VERSION } from './schema.js';

describe('migrate', () => {
  it('takes a current document as it is', () => {
    const region = { ...emptyRegionState(), tags: { 'arn:x': [{ key: 'k', value: 'v' }] } };
    const { document, fromVersion } = migrate({ schemaVersion: SCHEMA_VERSION, seq: 7, scopes: { 'a/r': region } });
    expect(fromVersion).toBe(SCHEMA_VERSION);
    expect(document).toEqual({ schemaVersion: SCHEMA_VERSION, seq: 7, scopes: { 'a/r': region } });
  });

  it('fills in collections a document was written without', () => {
    const { document } = migrate({ schemaVersion: SCHEMA_VERSION, scopes: { 'a/r': { clusters: {} } } });
    expect(document.scopes['a/r']).toEqual(emptyRegionState());
  });

  it('applies each step in order and records the new version', () => {
    const steps = {
      1: (d: Record<string, unknown>) => ({ ...d, trail: ['1→2'] }),
      2: (d: Record<string, unknown>) => ({ ...d, trail: [...(d.trail as string[]), '2→3'] }),
    };
    const { document, fromVersion } = migrate({ schemaVersion: 1, scopes: {} }, steps, 3);
    expect(fromVersion).toBe(1);
    expect(document).toMatchObject({ schemaVersion: 3, trail: ['1→2', '2→3'] });
  });

  it('refuses a version it has no step for', () => {
    expect(() => migrate({ schemaVersion: 1, scopes: {} }, {}, 2)).toThrow('there is no migration from schema version 1');
  });

  it('refuses a newer version', () => {
    expect(() => migrate({ schemaVersion: SCHEMA_VERSION + 1, scopes: {} })).toThrow(UnsupportedSchemaError);
    expect(() => migrate({ schemaVersion: SCHEMA_VERSION + 1, scopes: {} })).toThrow(/newer than this fargate-local/);
  });

  it.each([
    ['a missing version', { scopes: {} }, /no valid schemaVersion/],
    ['a version 0', { schemaVersion: 0, scopes: {} }, /no valid schemaVersion/],
    ['a string version', { schemaVersion: '1', scopes: {} }, /no valid schemaVersion/],
    ['an array', [], /not hold a JSON object/],
    ['null', null, /not hold a JSON object/],
    ['scopes that are not an object', { schemaVersion: SCHEMA_VERSION, scopes: [] }, /"scopes" is not an object/],
    ['a scope that is not an object', { schemaVersion: SCHEMA_VERSION, scopes: { 'a/r': 3 } }, /scope "a\/r"/],
  ])('refuses %s', (_, raw, message) => {
    expect(() => migrate(raw)).toThrow(message);
  });

  it('has a step for every version below the current one', () => {
    for (let v = 1; v < SCHEMA_VERSION; v += 1) expect(MIGRATIONS[v], `migration from ${v}`).toBeTypeOf('function');
  });
});
