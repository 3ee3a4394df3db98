import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { CHUNK, SegmentedLogStore } from './segmented-log-store.js';

const scope = { accountId: '000000000000', region: 'us-east-1' };
const DAY = 86_400_000;
const dirs: string[] = [];
const tmp = () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'logstore-'));
  dirs.push(dir);
  return dir;
};
afterEach(() => {
  for (const dir of dirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});

function open(dir: string | null, now = { t: 1_700_000_000_000 }, maxBytes = 1e12, warnings: unknown[] = []) {
  const store = new SegmentedLogStore({ dir, clock: { now: () => now.t }, maxBytes, onCapReached: (w) => warnings.push(w) });
  return store;
}

function seed(store: SegmentedLogStore, n: number, t0 = 1_700_000_000_000) {
  store.createGroup(scope, { name: '/g', creationTime: t0, logGroupClass: 'STANDARD', tags: {} });
  store.createStream(scope, '/g', 's', t0);
  const events = Array.from({ length: n }, (_, i) => ({ timestamp: t0 + i, message: `line ${i}\n"quoted"` }));
  store.append(scope, '/g', 's', events, t0 + n);
}

describe.each([
  ['files', () => tmp()],
  ['memory', () => null],
])('segmented log store (%s)', (_kind, dirOf) => {
  it('reads events forward and backward from any index, across chunks and segments', () => {
    const store = open(dirOf());
    const n = CHUNK * 3 + 17;
    seed(store, n);
    const all = [...store.forward(scope, '/g', 's', 0)];
    expect(all).toHaveLength(n);
    expect(all.map((e) => e.index)).toEqual(Array.from({ length: n }, (_, i) => i));
    expect(all[5]!.message).toBe('line 5\n"quoted"');
    expect([...store.forward(scope, '/g', 's', CHUNK + 3)][0]!.index).toBe(CHUNK + 3);
    const back = [...store.backward(scope, '/g', 's', CHUNK * 2 + 1)];
    expect(back.map((e) => e.index)).toEqual(Array.from({ length: CHUNK * 2 + 1 }, (_, i) => CHUNK * 2 - i));
    const stream = store.getStream(scope, '/g', 's')!;
    expect(stream).toMatchObject({
      nextIndex: n,
      firstIndex: 0,
      firstEventTimestamp: 1_700_000_000_000,
      lastEventTimestamp: 1_700_000_000_000 + n - 1,
    });
  });

  it('lists the regions that hold groups, and forgets a region whose groups are all deleted', () => {
    const store = open(dirOf());
    expect(store.scopes()).toEqual([]);
    seed(store, 3);
    const eu = { accountId: '123456789012', region: 'eu-west-1' };
    store.createGroup(eu, { name: '/eu', creationTime: 1, logGroupClass: 'STANDARD', tags: {} });
    expect(store.scopes()).toEqual([scope, eu]);
    store.deleteGroup(eu, '/eu');
    expect(store.scopes()).toEqual([scope]);
  });

  it('retention hides expired events at once and drops whole expired segments', () => {
    const now = { t: 1_700_000_000_000 + 10 * DAY };
    const store = open(dirOf(), now);
    store.createGroup(scope, { name: '/g', creationTime: 0, logGroupClass: 'STANDARD', tags: {} });
    store.createStream(scope, '/g', 's', 0);
    store.append(scope, '/g', 's', [{ timestamp: now.t - 5 * DAY, message: 'old' }], now.t);
    store.append(scope, '/g', 's', [{ timestamp: now.t - DAY / 2, message: 'new' }], now.t);
    store.updateGroup(scope, '/g', (g) => {
      g.retentionInDays = 3;
    });
    expect([...store.forward(scope, '/g', 's', 0)].map((e) => e.message)).toEqual(['new']);
    expect(store.enforceRetention(now.t)).toBe(0); // one segment still holds a live event
  });
});

describe('segmented log store on disk', () => {
  it('survives a restart with numbering intact, and cuts off a torn last line', () => {
    const dir = tmp();
    const store = open(dir);
    seed(store, CHUNK + 5);
    store.close();
    const streamDir = path.join(dir, '000000000000-us-east-1', 'streams', '1');
    const [file] = fs.readdirSync(streamDir);
    fs.appendFileSync(path.join(streamDir, file!), '[1700000000999,17000');
    const again = open(dir);
    expect(again.getGroup(scope, '/g')).toMatchObject({ name: '/g', logGroupClass: 'STANDARD' });
    const events = [...again.forward(scope, '/g', 's', 0)];
    expect(events).toHaveLength(CHUNK + 5);
    again.append(scope, '/g', 's', [{ timestamp: 1_800_000_000_000, message: 'after restart' }], 1_800_000_000_000);
    expect([...again.backward(scope, '/g', 's', Number.MAX_SAFE_INTEGER)][0]).toMatchObject({ index: CHUNK + 5, message: 'after restart' });
  });

  it('drops the oldest segments beyond the cap and warns', () => {
    const dir = tmp();
    const warnings: unknown[] = [];
    const store = open(dir, { t: 1_700_000_000_000 }, 3 * 1024 * 1024, warnings);
    store.createGroup(scope, { name: '/g', creationTime: 0, logGroupClass: 'STANDARD', tags: {} });
    store.createStream(scope, '/g', 's', 0);
    const big = 'x'.repeat(1000);
    for (let i = 0; i < 5000; i++) store.append(scope, '/g', 's', [{ timestamp: 1_700_000_000_000 + i, message: big }], 1_700_000_000_000);
    expect(store.bytesKept()).toBeLessThanOrEqual(3 * 1024 * 1024);
    expect(warnings.length).toBe(1);
    const stream = store.getStream(scope, '/g', 's')!;
    expect(stream.firstIndex).toBeGreaterThan(0);
    expect(stream.nextIndex).toBe(5000);
    const kept = [...store.forward(scope, '/g', 's', 0)];
    expect(kept[0]!.index).toBe(stream.firstIndex);
    expect(kept.at(-1)!.index).toBe(4999);
  });

  it('deleting a group removes its files', () => {
    const dir = tmp();
    const store = open(dir);
    seed(store, 10);
    expect(store.deleteGroup(scope, '/g')).toBe(true);
    expect(fs.readdirSync(path.join(dir, '000000000000-us-east-1', 'streams'))).toEqual([]);
    expect(open(dir).listGroups(scope)).toEqual([]);
  });
});
