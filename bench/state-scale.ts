// State at scale: the same ECS calls against a store holding 0, 1,000 and 10,000 tasks (and 0, 100 and 1,000 task
// definition revisions), each level's p50/p99 as a ratio to the empty store; DescribeClusters and ListTasks
// throughput with 4 keep-alive clients; bytes written per change; RSS; the longest event-loop stall (including
// the sweep that expires stopped tasks); and a restart on the 10,000-task data directory.
//
// No Docker: tasks run on the in-memory runtime, and the stored tasks are copies of one real stopped task, put in
// through the store as a long-running emulator would have accumulated them.
//
//   npx tsx bench/state-scale.ts            (also part of `npm run bench`)
//   BENCH_SCALE_LEVELS=0,1000 npx tsx bench/state-scale.ts
import fs from 'node:fs/promises';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { execFile } from 'node:child_process';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { promisify } from 'node:util';
import v8 from 'node:v8';
import vm from 'node:vm';
import { testConfig } from '../src/config.js';
import { defaultVpc } from '../src/domain/network/vpc.js';
import type { TaskDefinitionRecord } from '../src/domain/task-definition.js';
import type { TaskRecord } from '../src/domain/task.js';
import { startEmulator, type RunningEmulator } from '../src/main.js';
import { FakeTaskRuntime } from '../test/fakes/fake-task-runtime.js';
import { percentile } from './stats.js';

export const SCOPE = { accountId: '000000000000', region: 'us-east-1' };
export const CLUSTER = 'scale';
const FAMILY = 'scale';
const LEVELS = (process.env.BENCH_SCALE_LEVELS ?? '0,1000,10000').split(',').map(Number);
const SAMPLES = Number(process.env.BENCH_SCALE_SAMPLES ?? 200);
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
}

/** A keep-alive JSON 1.1 client with no SDK in the way, so the numbers are the emulator's. */
class RawClient {
  private readonly agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
  constructor(private readonly port: number) {}
  call(op: string, body: unknown): Promise<Record<string, unknown>> {
    const data = JSON.stringify(body);
    return new Promise((resolve, reject) => {
      const req = http.request(
        {
          host: '127.0.0.1',
          port: this.port,
          method: 'POST',
          path: '/',
          agent: this.agent,
          headers: {
            'content-type': 'application/x-amz-json-1.1',
            'x-amz-target': `AmazonEC2ContainerServiceV20141113.${op}`,
            authorization: 'AWS4-HMAC-SHA256 Credential=AKIDBENCH/20260101/us-east-1/ecs/aws4_request',
            'content-length': Buffer.byteLength(data),
          },
        },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () => {
            const text = Buffer.concat(chunks).toString();
            if (res.statusCode !== 200) reject(new Error(`${op}: ${res.statusCode} ${text}`));
            else resolve(JSON.parse(text) as Record<string, unknown>);
          });
        },
      );
      req.on('error', reject);
      req.end(data);
    });
  }
  close(): void {
    this.agent.destroy();
  }
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

interface Setup {
  emu: RunningEmulator;
  client: RawClient;
  runtime: FakeTaskRuntime;
  subnet: string;
  dataDir: string;
}

export async function start(dataDir: string, stoppedTaskRetentionMs?: number): Promise<Setup> {
  const runtime = new FakeTaskRuntime();
  const retention = stoppedTaskRetentionMs !== undefined ? { stoppedTaskRetentionMs } : {};
  const config = testConfig({ dataDir, instanceId: 'bench-scale', taskAgent: { metadataEndpoint: false }, ...retention });
  const emu = await startEmulator(config, { runtime });
  const client = new RawClient(emu.port);
  const subnet = defaultVpc(SCOPE, 0).subnets[0]!.subnetId;
  return { emu, client, runtime, subnet, dataDir };
}

const runTaskBody = (subnet: string) => ({
  cluster: CLUSTER,
  taskDefinition: FAMILY,
  launchType: 'FARGATE',
  networkConfiguration: { awsvpcConfiguration: { subnets: [subnet] } },
});

/** One real stopped task and one real revision, to copy. */
async function templates(s: Setup): Promise<{ task: TaskRecord; td: TaskDefinitionRecord }> {
  await s.client.call('CreateCluster', { clusterName: CLUSTER });
  await s.client.call('RegisterTaskDefinition', {
    family: FAMILY,
    requiresCompatibilities: ['FARGATE'],
    networkMode: 'awsvpc',
    cpu: '256',
    memory: '512',
    containerDefinitions: [{ name: 'app', image: 'busybox', command: ['sleep', '3600'] }],
  });
  const run = await s.client.call('RunTask', runTaskBody(s.subnet));
  const arn = (run.tasks as { taskArn: string }[])[0]!.taskArn;
  await s.client.call('StopTask', { cluster: CLUSTER, task: arn });
  const id = arn.split('/').pop()!;
  await waitFor(() => s.emu.deps.store.read(SCOPE, (st) => st.tasks[id]?.lastStatus === 'STOPPED'));
  return s.emu.deps.store.read(SCOPE, (st) => ({
    task: structuredClone(st.tasks[id]!),
    td: structuredClone(Object.values(st.taskDefinitions).find((t) => t.family === FAMILY)!),
  }));
}

async function waitFor(cond: () => boolean): Promise<void> {
  while (!cond()) await new Promise((r) => setTimeout(r, 5));
}

let copies = 0;
/** Adds stopped tasks (a tenth of them with a service group) and revisions of another family, in chunks. */
async function seed(s: Setup, tpl: { task: TaskRecord; td: TaskDefinitionRecord }, tasks: number, revisions: number) {
  for (let done = 0; done < tasks; done += 500) {
    s.emu.deps.store.update(SCOPE, (st) => {
      for (let i = done; i < Math.min(tasks, done + 500); i++) {
        copies += 1;
        const id = copies.toString(16).padStart(32, '0');
        const t = structuredClone(tpl.task);
        t.taskId = id;
        t.taskArn = tpl.task.taskArn.replace(tpl.task.taskId, id);
        t.stoppedAt = Date.now();
        if (i % 10 === 0) t.group = 'service:old';
        st.tasks[id] = t;
      }
    });
    await s.emu.deps.store.flush();
  }
  for (let done = 0; done < revisions; done += 100) {
    s.emu.deps.store.update(SCOPE, (st) => {
      for (let i = done; i < Math.min(revisions, done + 100); i++) {
        const family = 'seeded';
        const revision = (st.taskDefinitionFamilies[family]?.lastRevision ?? 0) + 1;
        st.taskDefinitionFamilies[family] = { lastRevision: revision };
        st.taskDefinitions[`${family}:${revision}`] = {
          ...structuredClone(tpl.td),
          family,
          revision,
          taskDefinitionArn: tpl.td.taskDefinitionArn.replace(`${FAMILY}:1`, `${family}:${revision}`),
        };
      }
    });
    await s.emu.deps.store.flush();
  }
}

/**
 * Times `fn` on every level in turn, `n` rounds, so a busy machine slows every level alike. The level that goes first
 * changes each round, so none always follows (and pays for) another's work.
 */
async function interleaved(setups: Setup[], n: number, fn: (s: Setup, level: number, i: number) => Promise<unknown>): Promise<OpResult[]> {
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

async function measure(
  setups: Setup[],
): Promise<{ ops: Record<string, OpResult[]>; throughput: Record<string, number[]>; bytesPerChange: number[] }> {
  const ops: Record<string, OpResult[]> = {};
  const op = async (name: string, n: number, fn: (s: Setup, level: number, i: number) => Promise<unknown>) => {
    log(`  ${name}`);
    ops[name] = await interleaved(setups, n, fn);
  };
  const running = setups.map((): string[] => []);
  await op('RunTask', SAMPLES / 2, async (s, level) => {
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
  await op('RegisterTaskDefinition', SAMPLES / 4, (s) =>
    s.client.call('RegisterTaskDefinition', {
      family: `${FAMILY}-reg`,
      requiresCompatibilities: ['FARGATE'],
      networkMode: 'awsvpc',
      cpu: '256',
      memory: '512',
      containerDefinitions: [{ name: 'app', image: 'busybox' }],
    }),
  );
  await op('TagResource', SAMPLES / 4, (s, level, i) =>
    s.client.call('TagResource', { resourceArn: running[level]![0], tags: [{ key: `k${i % 5}`, value: `${i}` }] }),
  );
  // Bytes on disk per change (one journal entry), over the stops and everything the engine does to finish them.
  const before = setups.map((s) => s.emu.deps.store.stats());
  await op('StopTask', SAMPLES / 2, (s, level, i) => s.client.call('StopTask', { cluster: CLUSTER, task: running[level]![i] }));
  const bytesPerChange: number[] = [];
  for (const [level, s] of setups.entries()) {
    const ids = running[level]!.map((arn) => arn.split('/').pop()!);
    await waitFor(() => s.emu.deps.store.read(SCOPE, (st) => ids.every((id) => st.tasks[id]?.lastStatus === 'STOPPED')));
    await s.emu.deps.store.flush();
    const after = s.emu.deps.store.stats();
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
      for (const [level, s] of setups.entries()) counts[level]! += await throughput4(s.emu.port, name, body, THROUGHPUT_MS / 4);
    }
    throughput[name] = counts.map((c) => Math.round((c * 1000) / THROUGHPUT_MS));
  }
  return { ops, throughput, bytesPerChange };
}

export interface StateScaleResults {
  levels: LevelResult[];
  /** The longest event-loop stall while the calls above ran (every level's emulator is in this process). */
  longestStallMs: number;
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

/**
 * A full garbage collection. Seeding makes in seconds what a long-running emulator accumulates over hours, and its
 * garbage would otherwise be collected while the calls are timed (on whichever level's call it lands: every level's
 * emulator is in this one process, so this settles them all alike).
 */
function collectGarbage(): void {
  v8.setFlagsFromString('--expose-gc');
  (vm.runInNewContext('gc') as () => void)();
}

export async function benchStateScale(): Promise<StateScaleResults> {
  const root = await fs.mkdtemp(path.join(os.tmpdir(), 'fl-scale-'));
  // Keeps the process alive between one emulator's close and the next one's start.
  const keepAlive = setInterval(() => {}, 1000);
  const setups: Setup[] = [];
  try {
    for (const level of LEVELS) {
      log(`seeding ${level} stored tasks and ${level / 10} revisions…`);
      const s = await start(path.join(root, String(level)));
      setups.push(s);
      await seed(s, await templates(s), level, level / 10);
    }
    collectGarbage();
    log('measuring, the levels in turn…');
    const stalls = monitorEventLoopDelay({ resolution: 5 });
    stalls.enable();
    const m = await measure(setups);
    stalls.disable();
    const levels = LEVELS.map((tasks, i) => ({
      tasks,
      revisions: tasks / 10,
      ops: Object.fromEntries(Object.entries(m.ops).map(([name, results]) => [name, results[i]!])),
      throughput: Object.fromEntries(Object.entries(m.throughput).map(([name, counts]) => [name, counts[i]!])),
      bytesPerChange: m.bytesPerChange[i]!,
    }));
    for (const s of setups.splice(0)) {
      s.client.close();
      await s.emu.close();
    }
    log('restart, in a new process, on the empty store and on the largest…');
    const empty = await restartIn(path.join(root, String(LEVELS[0])));
    const restart = await restartIn(path.join(root, String(LEVELS.at(-1))));
    return {
      levels,
      longestStallMs: round(stalls.max / 1e6),
      restartFirstAnswerMs: restart.firstAnswerMs,
      restartRssMiB: restart.rssMiB,
      restartHeapMiB: restart.heapMiB,
      emptyRssMiB: empty.rssMiB,
      emptyHeapMiB: empty.heapMiB,
      expiry: restart.expiry,
    };
  } finally {
    for (const s of setups) {
      s.client.close();
      await s.emu.close();
    }
    await fs.rm(root, { recursive: true, force: true });
    clearInterval(keepAlive);
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
  console.log(`longest event-loop stall during the calls: ${r.longestStallMs} ms`);
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
