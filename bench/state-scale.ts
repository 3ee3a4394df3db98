// State at scale: the same ECS calls against a store holding 0, 1,000 and 10,000 tasks (and 0, 100 and 1,000 task
// definition revisions), each level's p50/p99 as a ratio to the empty store; DescribeClusters and ListTasks
// throughput with 4 keep-alive clients; bytes written per change; RSS; the longest event-loop stall (including
// the sweep that expires stopped tasks); and a restart on the 10,000-task data directory.
//
// Each level's emulator runs in a process of its own (bench/state-level.ts), as a user runs it: its garbage
// collections are its own, not the client's nor another level's. No Docker: tasks run on the in-memory runtime, and
// the stored tasks are copies of one real stopped task, put in through the store as a long-running emulator would
// have accumulated them.
//
//   npx tsx bench/state-scale.ts            (also part of `npm run bench`)
//   BENCH_SCALE_LEVELS=0,1000 npx tsx bench/state-scale.ts
import { type ChildProcess, execFile, fork } from 'node:child_process';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import type { StoreStats } from '../src/store/store.js';
import { CLUSTER, FAMILY, RawClient, runTaskBody } from './state-fixture.js';
import type { LevelMessage, LevelRequest } from './state-level.js';
import { percentile } from './stats.js';

const LEVELS = (process.env.BENCH_SCALE_LEVELS ?? '0,1000,10000').split(',').map(Number);
/**
 * Calls per read operation and level; writes make half as many, launches and stops 30% (each leaves a task behind).
 * p99 is then the 10th slowest read and the 5th slowest write, so one stray pause (a garbage collection, another
 * process on the same core) cannot make it alone, as it does when p99 is the slowest of 50.
 */
const SAMPLES = Number(process.env.BENCH_SCALE_SAMPLES ?? 1000);
const LAUNCHES = Math.round(SAMPLES * 0.3);
const THROUGHPUT_MS = Number(process.env.BENCH_SCALE_THROUGHPUT_MS ?? 2000);

interface OpResult {
  p50: number;
  p99: number;
}
export interface LevelResult {
  tasks: number;
  revisions: number;
  ops: Record<string, OpResult>;
  /** Calls a second. */
  throughput: Record<string, number>;
  bytesPerChange: number;
  /** The longest event-loop stall of this level's emulator while the calls ran. */
  longestStallMs: number;
}

async function timed(fn: () => Promise<unknown>): Promise<number> {
  const t0 = performance.now();
  await fn();
  return performance.now() - t0;
}

const round = (x: number) => Math.round(x * 100) / 100;

/** Calls answered by 4 keep-alive clients in `ms`. */
async function throughput4(port: number, op: string, body: unknown, ms: number): Promise<number> {
  const clients = Array.from({ length: 4 }, () => new RawClient(port));
  let count = 0;
  const end = performance.now() + ms;
  await Promise.all(
    clients.map(async (c) => {
      while (performance.now() < end) {
        await c.call(op, body);
        count += 1;
      }
    }),
  );
  for (const c of clients) c.close();
  return count;
}

/** A level's emulator, in a process of its own, and a client of it. */
interface Level {
  port: number;
  subnet: string;
  client: RawClient;
  ask<T>(request: DistributiveOmit<LevelRequest, 'id'>): Promise<T>;
  exited: Promise<void>;
}
type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;

async function startLevel(dataDir: string, tasks: number): Promise<Level> {
  const script = path.join(path.dirname(new URL(import.meta.url).pathname), 'state-level.ts');
  const child: ChildProcess = fork(script, [dataDir, String(tasks)], {
    execArgv: [...process.execArgv, '--expose-gc'],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const waiting = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void }>();
  let gone: Error | null = null;
  // A level that dies fails what waits on it (and whatever asks it later), so the benchmark never hangs on it.
  const exited = new Promise<void>((resolve) =>
    child.once('exit', (code) => {
      gone = new Error(`level ${tasks} exited (${code})`);
      for (const w of waiting.values()) w.reject(gone);
      waiting.clear();
      resolve();
    }),
  );
  let next = 0;
  const ready = new Promise<{ port: number; subnet: string }>((resolve, reject) => {
    void exited.then(() => reject(gone));
    child.on('message', (m: LevelMessage) => {
      if (m.kind === 'ready') return resolve(m);
      const w = waiting.get(m.id);
      waiting.delete(m.id);
      if (m.kind === 'reply') w?.resolve(m.value);
      else w?.reject(new Error(`level ${tasks}: ${m.error}`));
    });
  });
  const { port, subnet } = await ready;
  return {
    port,
    subnet,
    client: new RawClient(port),
    exited,
    ask<T>(request: DistributiveOmit<LevelRequest, 'id'>) {
      const id = next++;
      return new Promise<T>((resolve, reject) => {
        if (gone) return reject(gone);
        waiting.set(id, { resolve: resolve as (v: unknown) => void, reject });
        child.send({ ...request, id });
      });
    },
  };
}

async function closeLevel(l: Level): Promise<void> {
  l.client.close();
  await l.ask({ kind: 'close' }).catch(() => {});
  await l.exited;
}

/**
 * Times `fn` on every level in turn, `n` rounds, so a busy machine slows every level alike. The level that goes first
 * changes each round, so none always follows (and pays for) another's work.
 */
async function interleaved(setups: Level[], n: number, fn: (s: Level, level: number, i: number) => Promise<unknown>): Promise<OpResult[]> {
  const times = setups.map((): number[] => []);
  for (let i = 0; i < n; i++) {
    for (let k = 0; k < setups.length; k++) {
      const level = (i + k) % setups.length;
      times[level]!.push(await timed(() => fn(setups[level]!, level, i)));
    }
  }
  return times.map((t) => {
    t.sort((a, b) => a - b);
    return { p50: round(percentile(t, 50)), p99: round(percentile(t, 99)) };
  });
}

async function measure(setups: Level[]): Promise<{
  ops: Record<string, OpResult[]>;
  throughput: Record<string, number[]>;
  bytesPerChange: number[];
  longestStallMs: number[];
}> {
  await Promise.all(setups.map((s) => s.ask({ kind: 'stalls-start' })));
  const ops: Record<string, OpResult[]> = {};
  const op = async (name: string, n: number, fn: (s: Level, level: number, i: number) => Promise<unknown>) => {
    log(`  ${name}`);
    ops[name] = await interleaved(setups, n, fn);
  };
  const running = setups.map((): string[] => []);
  await op('RunTask', LAUNCHES, async (s, level) => {
    const r = await s.client.call('RunTask', runTaskBody(s.subnet));
    running[level]!.push((r.tasks as { taskArn: string }[])[0]!.taskArn);
  });
  await op('DescribeTasks', SAMPLES, (s, level) =>
    s.client.call('DescribeTasks', { cluster: CLUSTER, tasks: running[level]!.slice(0, 10) }),
  );
  await op('ListTasks', SAMPLES, (s) => s.client.call('ListTasks', { cluster: CLUSTER }));
  await op('ListTasks STOPPED', SAMPLES, (s) => s.client.call('ListTasks', { cluster: CLUSTER, desiredStatus: 'STOPPED' }));
  await op('ListTasks family', SAMPLES, (s) => s.client.call('ListTasks', { cluster: CLUSTER, family: FAMILY }));
  await op('DescribeClusters', SAMPLES, (s) => s.client.call('DescribeClusters', { clusters: [CLUSTER] }));
  await op('ListClusters', SAMPLES, (s) => s.client.call('ListClusters', {}));
  await op('DescribeTaskDefinition', SAMPLES, (s) => s.client.call('DescribeTaskDefinition', { taskDefinition: FAMILY }));
  await op('ListTaskDefinitions', SAMPLES, (s) => s.client.call('ListTaskDefinitions', { familyPrefix: FAMILY }));
  await op('ListTaskDefinitionFamilies', SAMPLES, (s) => s.client.call('ListTaskDefinitionFamilies', {}));
  await op('RegisterTaskDefinition', SAMPLES / 2, (s) =>
    s.client.call('RegisterTaskDefinition', {
      family: `${FAMILY}-reg`,
      requiresCompatibilities: ['FARGATE'],
      networkMode: 'awsvpc',
      cpu: '256',
      memory: '512',
      containerDefinitions: [{ name: 'app', image: 'busybox' }],
    }),
  );
  await op('TagResource', SAMPLES / 2, (s, level, i) =>
    s.client.call('TagResource', { resourceArn: running[level]![0], tags: [{ key: `k${i % 5}`, value: `${i}` }] }),
  );
  // Bytes on disk per change (one journal entry), over the stops and everything the engine does to finish them.
  const before = await Promise.all(setups.map((s) => s.ask<StoreStats>({ kind: 'stats' })));
  await op('StopTask', LAUNCHES, (s, level, i) => s.client.call('StopTask', { cluster: CLUSTER, task: running[level]![i] }));
  const bytesPerChange: number[] = [];
  for (const [level, s] of setups.entries()) {
    const ids = running[level]!.map((arn) => arn.split('/').pop()!);
    await s.ask({ kind: 'stopped', taskIds: ids });
    const after = await s.ask<StoreStats>({ kind: 'stats' });
    bytesPerChange.push(
      Math.round((after.bytesWritten - before[level]!.bytesWritten) / Math.max(1, after.changes - before[level]!.changes)),
    );
  }
  log('  throughput');
  const throughput: Record<string, number[]> = {};
  for (const [name, body] of [
    ['DescribeClusters', { clusters: [CLUSTER] }],
    ['ListTasks', { cluster: CLUSTER }],
  ] as const) {
    const counts = setups.map(() => 0);
    for (let round = 0; round < 4; round++) {
      for (const [level, s] of setups.entries()) counts[level]! += await throughput4(s.port, name, body, THROUGHPUT_MS / 4);
    }
    throughput[name] = counts.map((c) => Math.round((c * 1000) / THROUGHPUT_MS));
  }
  const longestStallMs = await Promise.all(setups.map((s) => s.ask<number>({ kind: 'stalls-stop' })));
  return { ops, throughput, bytesPerChange, longestStallMs };
}

export interface StateScaleResults {
  levels: LevelResult[];
  /** From the start of a restart on the largest level's data directory to the answer to its first call. */
  restartFirstAnswerMs: number;
  /** RSS and heap of that restarted process (a process of its own), and of one started the same way on the empty store. */
  restartRssMiB: number;
  restartHeapMiB: number;
  emptyRssMiB: number;
  emptyHeapMiB: number;
  /** Expiry of all those stopped tasks at once: its duration and the longest event-loop stall meanwhile. */
  expiry: { tasks: number; durationMs: number; longestStallMs: number };
}

/** What bench/state-restart.ts prints: a restart, in a process of its own, on one level's data directory. */
export interface RestartResult {
  firstAnswerMs: number;
  rssMiB: number;
  heapMiB: number;
  expiry: { tasks: number; durationMs: number; longestStallMs: number };
}

/** Runs bench/state-restart.ts in a new Node process (the way this one was started, so under tsx too). */
async function restartIn(dataDir: string): Promise<RestartResult> {
  const script = path.join(path.dirname(new URL(import.meta.url).pathname), 'state-restart.ts');
  const { stdout } = await promisify(execFile)(process.execPath, [...process.execArgv, '--expose-gc', script, dataDir], {
    maxBuffer: 1 << 20,
  });
  return JSON.parse(stdout.trim().split('\n').at(-1)!) as RestartResult;
}

export async function benchStateScale(): Promise<StateScaleResults> {
  const root = await fs.mkdtemp(path.join(os.tmpdir(), 'fl-scale-'));
  const setups: Level[] = [];
  try {
    for (const level of LEVELS) {
      log(`seeding ${level} stored tasks and ${level / 10} revisions, in a process of their own…`);
      setups.push(await startLevel(path.join(root, String(level)), level));
    }
    log('measuring, the levels in turn…');
    const m = await measure(setups);
    const levels = LEVELS.map((tasks, i) => ({
      tasks,
      revisions: tasks / 10,
      ops: Object.fromEntries(Object.entries(m.ops).map(([name, results]) => [name, results[i]!])),
      throughput: Object.fromEntries(Object.entries(m.throughput).map(([name, counts]) => [name, counts[i]!])),
      bytesPerChange: m.bytesPerChange[i]!,
      longestStallMs: m.longestStallMs[i]!,
    }));
    for (const s of setups.splice(0)) await closeLevel(s);
    log('restart, in a new process, on the empty store and on the largest…');
    const empty = await restartIn(path.join(root, String(LEVELS[0])));
    const restart = await restartIn(path.join(root, String(LEVELS.at(-1))));
    return {
      levels,
      restartFirstAnswerMs: restart.firstAnswerMs,
      restartRssMiB: restart.rssMiB,
      restartHeapMiB: restart.heapMiB,
      emptyRssMiB: empty.rssMiB,
      emptyHeapMiB: empty.heapMiB,
      expiry: restart.expiry,
    };
  } finally {
    for (const s of setups) await closeLevel(s);
    await fs.rm(root, { recursive: true, force: true });
  }
}

export function printStateScale(r: StateScaleResults): void {
  const base = r.levels[0]!;
  const header = ['operation', ...r.levels.map((l) => `${l.tasks} tasks p50/p99 ms (ratio)`)];
  const rows: string[][] = [header];
  for (const op of Object.keys(base.ops)) {
    rows.push([
      op,
      ...r.levels.map((l) => {
        const o = l.ops[op]!;
        const b = base.ops[op]!;
        return `${o.p50}/${o.p99} (${ratio(o.p50, b.p50)}/${ratio(o.p99, b.p99)})`;
      }),
    ]);
  }
  for (const op of Object.keys(base.throughput)) {
    rows.push([
      `${op} req/s, 4 clients`,
      ...r.levels.map((l) => `${l.throughput[op]} (${ratio(base.throughput[op]!, l.throughput[op]!)})`),
    ]);
  }
  rows.push(['bytes written per change', ...r.levels.map((l) => `${l.bytesPerChange}`)]);
  const widths = header.map((_, i) => Math.max(...rows.map((row) => row[i]!.length)));
  for (const row of rows) console.log(row.map((cell, i) => cell.padEnd(widths[i]!)).join('  '));
  const over: string[] = [];
  for (const l of r.levels.slice(1)) {
    for (const [op, o] of Object.entries(l.ops)) {
      const b = base.ops[op]!;
      if (o.p50 > 2 * b.p50 || o.p99 > 2 * b.p99) over.push(`${op} at ${l.tasks}`);
    }
    for (const [op, t] of Object.entries(l.throughput)) if (base.throughput[op]! > 1.5 * t) over.push(`${op} throughput at ${l.tasks}`);
  }
  console.log(over.length ? `over the bounds (2x latency, 1.5x throughput): ${over.join(', ')}` : 'every ratio within the bounds');
  console.log(`longest event-loop stall during the calls: ${r.levels.map((l) => `${l.longestStallMs} ms at ${l.tasks}`).join(', ')}`);
  const tasks = r.levels.at(-1)!.tasks;
  console.log(
    `restart with ${tasks} tasks stored (a new process): first answer after ${r.restartFirstAnswerMs} ms, RSS ${r.restartRssMiB} MiB, ` +
      `heap ${r.restartHeapMiB} MiB (empty store: RSS ${r.emptyRssMiB} MiB, heap ${r.emptyHeapMiB} MiB; ` +
      `${Math.round(((r.restartHeapMiB - r.emptyHeapMiB) * 2 ** 20) / Math.max(1, tasks))} bytes of heap per stored task)`,
  );
  console.log(
    `expiry of ${r.expiry.tasks} stopped tasks: ${r.expiry.durationMs} ms, longest event-loop stall ${r.expiry.longestStallMs} ms`,
  );
}

const ratio = (x: number, base: number) => (base > 0 ? (x / base).toFixed(2) : '-');
const log = (m: string) => console.error(`[state-scale] ${m}`);

if (import.meta.url === `file://${process.argv[1]}`) {
  printStateScale(await benchStateScale());
}
