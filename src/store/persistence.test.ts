// The snapshot + journal on disk: migration of the single-file format, torn and corrupt journals, compaction, and
// kill -9 in the middle of a burst of writes.
import { spawn } from 'node:child_process';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { listSegments } from './journal.js';
import { SCHEMA_VERSION } from './schema.js';
import { StateFileError } from './state-file.js';
import { STATE_FILE, Store } from './store.js';

const scope = { accountId: '000000000000', region: 'us-east-1' };
const here = path.dirname(fileURLToPath(import.meta.url));
let dir: string;

beforeEach(async () => {
  dir = await fs.mkdtemp(path.join(os.tmpdir(), 'fargate-local-persistence-'));
});
afterEach(() => fs.rm(dir, { recursive: true, force: true }));

const tag = (store: Store, arn: string, value: string) =>
  store.update(scope, (s) => {
    s.tags[arn] = [{ key: 'k', value }];
  });

describe('migration', () => {
  it('upgrades a state file written by the single-file version (schema 1), keeping the original', async () => {
    const fixture = path.join(here, 'fixtures', 'state-v1.json');
    const original = await fs.readFile(fixture, 'utf8');
    await fs.writeFile(path.join(dir, STATE_FILE), original);

    const store = await Store.open(dir);
    const v1 = JSON.parse(original) as { scopes: Record<string, Record<string, Record<string, unknown>>> };
    const region = v1.scopes['000000000000/us-east-1']!;
    const state = store.read(scope, (s) => structuredClone(s));
    expect(Object.keys(state.clusters)).toEqual(['v1-cluster']);
    expect(state.tasks).toEqual(region.tasks);
    expect(state.services).toEqual(region.services);
    expect(state.taskDefinitions).toEqual(region.taskDefinitions);
    expect(state.tags).toEqual(region.tags);
    expect(state.networkInterfaces).toEqual(region.networkInterfaces);
    tag(store, 'arn:after', 'upgrade');
    await store.close();

    expect(await fs.readFile(path.join(dir, `${STATE_FILE}.v1.bak`), 'utf8')).toBe(original);
    const snapshot = JSON.parse(await fs.readFile(path.join(dir, STATE_FILE), 'utf8')) as { schemaVersion: number; seq: number };
    expect(snapshot.schemaVersion).toBe(SCHEMA_VERSION);
    expect(snapshot.seq).toBe(0);

    const again = await Store.open(dir);
    expect(again.read(scope, (s) => [Object.keys(s.tasks).length, s.tags['arn:after']?.[0]?.value])).toEqual([2, 'upgrade']);
    await again.close();
  });
});

describe('journal', () => {
  it('replays the journal over the snapshot, and a change costs about the same with 10 or 10,000 records', async () => {
    const store = await Store.open(dir);
    const costOfOne = () => {
      const before = store.stats().bytesWritten;
      tag(store, 'arn:probe', String(Math.random()));
      return store.flush().then(() => store.stats().bytesWritten - before);
    };
    for (let i = 0; i < 10; i++) tag(store, `arn:${i}`, 'small');
    await store.flush();
    const small = await costOfOne();
    store.update(scope, (s) => {
      for (let i = 0; i < 10_000; i++) s.tags[`arn:many-${i}`] = [{ key: 'k', value: String(i) }];
    });
    await store.flush();
    const large = await costOfOne();
    expect(large).toBeLessThan(small * 1.5);
    await store.close();

    const again = await Store.open(dir);
    expect(again.read(scope, (s) => Object.keys(s.tags).length)).toBe(10_000 + 11);
    await again.close();
  });

  it('ignores a last line cut short (never acknowledged), and keeps later changes in a new segment', async () => {
    const store = await Store.open(dir);
    tag(store, 'arn:a', 'kept');
    await store.close();
    const [segment] = await listSegments(dir);
    await fs.appendFile(segment!.file, '{"n":99,"s":"000000000000/us-east-1","c":[["tags","arn:b",[{"key"');

    const second = await Store.open(dir);
    expect(second.read(scope, (s) => [s.tags['arn:a']?.[0]?.value, 'arn:b' in s.tags])).toEqual(['kept', false]);
    tag(second, 'arn:c', 'later');
    await second.close();

    const third = await Store.open(dir);
    expect(third.read(scope, (s) => s.tags['arn:c']?.[0]?.value)).toBe('later');
    await third.close();
  });

  it('refuses a journal with a corrupt line before its end, and leaves every file untouched', async () => {
    const store = await Store.open(dir);
    tag(store, 'arn:a', 'one');
    tag(store, 'arn:b', 'two');
    await store.close();
    const [segment] = await listSegments(dir);
    const text = await fs.readFile(segment!.file, 'utf8');
    const corrupt = text.replace('"arn:a"', '"arn:a');
    await fs.writeFile(segment!.file, corrupt);
    const snapshot = await fs.readFile(path.join(dir, STATE_FILE), 'utf8');

    const err = await Store.open(dir).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(StateFileError);
    expect((err as Error).message).toContain(`${segment!.file}: line 1 is not valid JSON`);
    expect(await fs.readFile(segment!.file, 'utf8')).toBe(corrupt);
    expect(await fs.readFile(path.join(dir, STATE_FILE), 'utf8')).toBe(snapshot);
    expect((await fs.readdir(dir)).sort()).toEqual(['state.journal.1', STATE_FILE]);
  });

  it('refuses a journal without its snapshot', async () => {
    const store = await Store.open(dir);
    tag(store, 'arn:a', 'one');
    await store.close();
    await fs.rm(path.join(dir, STATE_FILE));
    await expect(Store.open(dir)).rejects.toThrow(/state\.json: it is missing, but journal segments/);
  });

  it('compacts a long journal into a new snapshot in the background and deletes the segments it covers', async () => {
    const store = await Store.open(dir, { compactMinBytes: 16 * 1024 });
    for (let i = 0; i < 400; i++) {
      tag(store, `arn:${i % 50}`, `${i}`.padEnd(100, '.'));
      await store.flush();
    }
    await store.close();
    expect(store.stats().snapshots).toBeGreaterThan(0);
    const segments = await listSegments(dir);
    expect(segments.length).toBeLessThanOrEqual(2);

    const again = await Store.open(dir);
    for (let i = 350; i < 400; i++) expect(again.read(scope, (s) => s.tags[`arn:${i % 50}`]?.[0]?.value)).toBe(`${i}`.padEnd(100, '.'));
    await again.close();
  });
});

describe('kill -9 during a burst of writes', () => {
  it('keeps every acknowledged change, through several crashes and compactions', { timeout: 60_000 }, async () => {
    const acknowledged: string[] = [];
    for (let run = 0; run < 3; run++) {
      const child = spawn(process.execPath, ['--import', 'tsx', path.join(here, 'testing', 'crash-writer.ts'), dir, String(run)], {
        stdio: ['ignore', 'pipe', 'inherit'],
      });
      let buffered = '';
      let ofThisRun = 0;
      // Killed after a number of acknowledgements that differs per run, so the kill lands at different moments.
      const target = 300 + run * 450;
      await new Promise<void>((resolve) => {
        child.stdout.on('data', (chunk: Buffer) => {
          buffered += chunk.toString();
          const lines = buffered.split('\n');
          buffered = lines.pop()!;
          acknowledged.push(...lines);
          ofThisRun += lines.length;
          if (ofThisRun >= target && child.exitCode === null && !child.killed) child.kill('SIGKILL');
        });
        child.on('exit', () => resolve());
      });
      expect(ofThisRun).toBeGreaterThanOrEqual(target);
    }
    const store = await Store.open(dir);
    const missing = store.read(scope, (s) => acknowledged.filter((id) => !s.tags[`arn:${id}`]));
    await store.close();
    expect(missing).toEqual([]);
  });
});
