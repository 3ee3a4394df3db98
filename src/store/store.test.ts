import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SCHEMA_VERSION, type StateDocument } from './schema.js';
import { StateFileError } from './state-file.js';
import { STATE_FILE, Store } from './store.js';

const scope = { accountId: '000000000000', region: 'us-east-1' };
let dir: string;
let file: string;

beforeEach(async () => {
  dir = await fs.mkdtemp(path.join(os.tmpdir(), 'fargate-local-store-'));
  file = path.join(dir, STATE_FILE);
});
afterEach(() => fs.rm(dir, { recursive: true, force: true }));

const tag = (store: Store, arn: string, value: string) =>
  store.update(scope, (s) => {
    s.tags[arn] = [{ key: 'k', value }];
  });
const readTag = (store: Store, arn: string) => store.read(scope, (s) => s.tags[arn]?.[0]?.value);
const readFile = async () => JSON.parse(await fs.readFile(file, 'utf8')) as StateDocument;

describe('Store on a file', () => {
  it('keeps every update across close and reopen', async () => {
    const first = await Store.open(dir);
    tag(first, 'arn:a', 'one');
    tag(first, 'arn:b', 'two');
    await first.close();

    const second = await Store.open(dir);
    expect(readTag(second, 'arn:a')).toBe('one');
    expect(readTag(second, 'arn:b')).toBe('two');
    await second.close();
  });

  it('writes the schema version as soon as it opens', async () => {
    const store = await Store.open(dir);
    expect((await readFile()).schemaVersion).toBe(SCHEMA_VERSION);
    await store.close();
  });

  it('changes nothing, in memory or on disk, when an update throws', async () => {
    const store = await Store.open(dir);
    tag(store, 'arn:a', 'before');
    await store.flush();
    const written = store.stats().bytesWritten;

    expect(() =>
      store.update(scope, (s) => {
        s.tags['arn:a'] = [{ key: 'k', value: 'half-done' }];
        s.tags['arn:new'] = [];
        throw new Error('rejected');
      }),
    ).toThrow('rejected');

    expect(readTag(store, 'arn:a')).toBe('before');
    expect(store.read(scope, (s) => 'arn:new' in s.tags)).toBe(false);
    await store.flush();
    expect(store.stats().bytesWritten).toBe(written);
    await store.close();
  });

  it('coalesces a burst of 1,000 concurrent updates into far fewer file writes', async () => {
    const store = await Store.open(dir);

    // Like 1,000 requests in flight: each updates, then waits for its change to be on disk.
    await Promise.all(
      Array.from({ length: 1000 }, async (_, i) => {
        await delay(i % 20);
        tag(store, `arn:${i}`, String(i));
        await store.flush();
      }),
    );

    const writes = store.stats().journalWrites;
    expect(writes).toBeGreaterThan(0);
    expect(writes).toBeLessThan(100);
    await store.close();
    const again = await Store.open(dir);
    expect(again.read(scope, (s) => Object.keys(s.tags))).toHaveLength(1000);
    await again.close();
  });

  it('does not write when an update changes nothing', async () => {
    const store = await Store.open(dir);
    store.update(scope, () => undefined);
    await store.flush();
    // The first update of a scope creates its (empty) region state; a second no-op writes nothing.
    const afterFirst = store.stats().journalWrites;
    expect(afterFirst).toBe(1);
    store.update(scope, () => undefined);
    store.update(scope, (s) => {
      s.tags['arn:nothing'] = [];
      delete s.tags['arn:nothing'];
    });
    await store.flush();
    await delay(5);
    expect(store.stats().journalWrites).toBe(afterFirst);
    await store.close();
  });

  it('refuses a file written by a newer schema version, and leaves it untouched', async () => {
    const newer = JSON.stringify({ schemaVersion: SCHEMA_VERSION + 1, scopes: {} });
    await fs.writeFile(file, newer);
    const err = await Store.open(dir).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(StateFileError);
    expect((err as Error).message).toContain(file);
    expect((err as Error).message).toContain(`schema version ${SCHEMA_VERSION + 1}, newer than`);
    expect(await fs.readFile(file, 'utf8')).toBe(newer);
  });

  it('refuses a corrupt file with a clear message and never replaces it', async () => {
    const torn = '{"schemaVersion":1,"scopes":{"000000000000/us-east-1":{"clus';
    await fs.writeFile(file, torn);
    const err = await Store.open(dir).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(StateFileError);
    expect((err as Error).message).toMatch(/cannot use the state file .*state\.json: it is not valid JSON/);
    expect((err as Error).message).toContain('never replaces');
    expect(await fs.readFile(file, 'utf8')).toBe(torn);
  });

  it('refuses a JSON file that is not a fargate-local state file', async () => {
    await fs.writeFile(file, '{"hello":"world"}');
    await expect(Store.open(dir)).rejects.toThrow(/not a fargate-local state file/);
    await fs.writeFile(file, '[1,2]');
    await expect(Store.open(dir)).rejects.toThrow(/does not hold a JSON object/);
  });

  it('leaves no temporary file behind: the snapshot and the journal written since', async () => {
    const store = await Store.open(dir);
    tag(store, 'arn:a', 'x');
    await store.close();
    expect((await fs.readdir(dir)).sort()).toEqual(['state.journal.1', STATE_FILE]);
    // A run that changes nothing leaves no journal segment.
    await (await Store.open(dir)).close();
    expect((await fs.readdir(dir)).sort()).toEqual(['state.journal.1', STATE_FILE]);
  });
});

describe('Store.update', () => {
  it('returns usable copies when the update returns part of the draft', async () => {
    const store = await Store.open(null);
    tag(store, 'arn:a', 'x');
    const existing = store.update(scope, (s) => s.tags['arn:a']);
    const nested = store.update(scope, (s) => ({ found: s.tags['arn:a'], list: [s.tags['arn:a']] }));
    expect(existing).toEqual([{ key: 'k', value: 'x' }]);
    expect(nested).toEqual({ found: [{ key: 'k', value: 'x' }], list: [[{ key: 'k', value: 'x' }]] });
    await store.close();
  });
});

describe('Store in memory', () => {
  it('keeps updates for its lifetime and writes no file', async () => {
    const store = await Store.open(null);
    tag(store, 'arn:a', 'x');
    await store.flush();
    expect(readTag(store, 'arn:a')).toBe('x');
    await store.close();
    expect(await fs.readdir(dir)).toEqual([]);
  });
});
