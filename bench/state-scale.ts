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
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { testConfig } from '../src/config.js';
import { defaultVpc } from '../src/domain/network/vpc.js';
import type { TaskDefinitionRecord } from '../src/domain/task-definition.js';
import type { TaskRecord } from '../src/domain/task.js';
import { startEmulator, type RunningEmulator } from '../src/main.js';
import { FakeTaskRuntime } from '../test/fakes/fake-task-runtime.js';
import { percentile } from './stats.js';

const SCOPE = { accountId: '000000000000', region: 'us-east-1' };
const CLUSTER = 'scale';
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
  throughput: Record<string, number>;
  bytesPerChange: number;
  rssMiB: number;
  longestStallMs: number;
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

async function sample(n: number, fn: (i: number) => Promise<unknown>): Promise<OpResult> {
  const times: number[] = [];
  for (let i = 0; i < n; i++) times.push(await timed(() => fn(i)));
  times.sort((a, b) => a - b);
  return { p50: round(percentile(times, 50)), p99: round(percentile(times, 99)) };
}

const round = (x: number) => Math.round(x * 100) / 100;

async function throughput(port: number, op: string, body: unknown): Promise<number> {
  const clients = Array.from({ length: 4 }, () => new RawClient(port));
  let count = 0;
  const end = performance.now() + THROUGHPUT_MS;
  await Promise.all(
    clients.map(async (c) => {
      while (performance.now() < end) {
        await c.call(op, body);
        count += 1;
      }
    }),
  );
  for (const c of clients) c.close();
  return Math.round((count * 1000) / THROUGHPUT_MS);
}

interface Setup {
  emu: RunningEmulator;
  client: RawClient;
  runtime: FakeTaskRuntime;
  subnet: string;
  dataDir: string;
}

async function start(dataDir: string, stoppedTaskRetentionMs?: number): Promise<Setup> {
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

async function measureLevel(s: Setup, level: { tasks: number; revisions: number }): Promise<LevelResult> {
  const c = s.client;
  const ops: Record<string, OpResult> = {};
  const stalls = monitorEventLoopDelay({ resolution: 5 });
  stalls.enable();
  const running: string[] = [];
  ops.RunTask = await sample(SAMPLES / 2, async () => {
    const r = await c.call('RunTask', runTaskBody(s.subnet));
    running.push((r.tasks as { taskArn: string }[])[0]!.taskArn);
  });
  const some = running.slice(0, 10);
  ops.DescribeTasks = await sample(SAMPLES, () => c.call('DescribeTasks', { cluster: CLUSTER, tasks: some }));
  ops.ListTasks = await sample(SAMPLES, () => c.call('ListTasks', { cluster: CLUSTER }));
  ops['ListTasks STOPPED'] = await sample(SAMPLES, () => c.call('ListTasks', { cluster: CLUSTER, desiredStatus: 'STOPPED' }));
  ops['ListTasks family'] = await sample(SAMPLES, () => c.call('ListTasks', { cluster: CLUSTER, family: FAMILY }));
  ops.DescribeClusters = await sample(SAMPLES, () => c.call('DescribeClusters', { clusters: [CLUSTER] }));
  ops.ListClusters = await sample(SAMPLES, () => c.call('ListClusters', {}));
  ops.DescribeTaskDefinition = await sample(SAMPLES, () => c.call('DescribeTaskDefinition', { taskDefinition: FAMILY }));
  ops.ListTaskDefinitions = await sample(SAMPLES, () => c.call('ListTaskDefinitions', { familyPrefix: FAMILY }));
  ops.ListTaskDefinitionFamilies = await sample(SAMPLES, () => c.call('ListTaskDefinitionFamilies', {}));
  ops.RegisterTaskDefinition = await sample(SAMPLES / 4, () =>
    c.call('RegisterTaskDefinition', {
      family: `${FAMILY}-reg`,
      requiresCompatibilities: ['FARGATE'],
      networkMode: 'awsvpc',
      cpu: '256',
      memory: '512',
      containerDefinitions: [{ name: 'app', image: 'busybox' }],
    }),
  );
  ops.TagResource = await sample(SAMPLES / 4, (i) =>
    c.call('TagResource', { resourceArn: running[0], tags: [{ key: `k${i % 5}`, value: `${i}` }] }),
  );
  // Bytes on disk per change (one journal entry), over the stops and everything the engine does to finish them.
  const before = s.emu.deps.store.stats();
  ops.StopTask = await sample(running.length, (i) => c.call('StopTask', { cluster: CLUSTER, task: running[i] }));
  await waitFor(() =>
    s.emu.deps.store.read(SCOPE, (st) => running.every((arn) => st.tasks[arn.split('/').pop()!]?.lastStatus === 'STOPPED')),
  );
  await s.emu.deps.store.flush();
  const after = s.emu.deps.store.stats();
  const bytesPerChange = Math.round((after.bytesWritten - before.bytesWritten) / Math.max(1, after.changes - before.changes));
  const throughputs = {
    DescribeClusters: await throughput(s.emu.port, 'DescribeClusters', { clusters: [CLUSTER] }),
    ListTasks: await throughput(s.emu.port, 'ListTasks', { cluster: CLUSTER }),
  };
  stalls.disable();
  return {
    ...level,
    ops,
    throughput: throughputs,
    bytesPerChange,
    rssMiB: Math.round(process.memoryUsage().rss / 2 ** 20),
    longestStallMs: round(stalls.max / 1e6),
  };
}

export interface StateScaleResults {
  levels: LevelResult[];
  /** From the start of a restart on the largest level's data directory to the answer to its first call. */
  restartFirstAnswerMs: number;
  /** Expiry of all those stopped tasks at once: its duration and the longest event-loop stall meanwhile. */
  expiry: { tasks: number; durationMs: number; longestStallMs: number };
}

export async function benchStateScale(): Promise<StateScaleResults> {
  const dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'fl-scale-'));
  const levels: LevelResult[] = [];
  // Keeps the process alive between one emulator's close and the next one's start.
  const keepAlive = setInterval(() => {}, 1000);
  let s = await start(dataDir);
  let restartFirstAnswerMs = NaN;
  let expiry = { tasks: 0, durationMs: NaN, longestStallMs: NaN };
  try {
    const tpl = await templates(s);
    let tasks = 0;
    let revisions = 0;
    for (const level of LEVELS) {
      log(`seeding ${level} stored tasks…`);
      await seed(s, tpl, level - tasks, level / 10 - revisions);
      tasks = level;
      revisions = level / 10;
      log(`measuring at ${level}…`);
      levels.push(await measureLevel(s, { tasks, revisions }));
    }
    log('restart…');
    s.client.close();
    await s.emu.close();
    const t0 = performance.now();
    // Restarted with a retention of 1 ms, so every stored task is due for expiry (the sweep below).
    s = await start(dataDir, 1);
    await s.client.call('ListTasks', { cluster: CLUSTER });
    restartFirstAnswerMs = round(performance.now() - t0);
    log('expiry of every stopped task…');
    const stored = s.emu.deps.store.read(SCOPE, (st) => Object.keys(st.tasks).length);
    const stalls = monitorEventLoopDelay({ resolution: 5 });
    stalls.enable();
    const t1 = performance.now();
    await s.emu.tasks.sweepExpired();
    const durationMs = round(performance.now() - t1);
    stalls.disable();
    const left = s.emu.deps.store.read(SCOPE, (st) => Object.keys(st.tasks).length);
    expiry = { tasks: stored - left, durationMs, longestStallMs: round(stalls.max / 1e6) };
  } finally {
    s.client.close();
    await s.emu.close();
    await fs.rm(dataDir, { recursive: true, force: true });
    clearInterval(keepAlive);
  }
  return { levels, restartFirstAnswerMs, expiry };
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
  rows.push(['RSS MiB', ...r.levels.map((l) => `${l.rssMiB}`)]);
  rows.push(['longest event-loop stall ms', ...r.levels.map((l) => `${l.longestStallMs}`)]);
  const widths = header.map((_, i) => Math.max(...rows.map((row) => row[i]!.length)));
  for (const row of rows) console.log(row.map((cell, i) => cell.padEnd(widths[i]!)).join('  '));
  console.log(`restart with ${r.levels.at(-1)!.tasks} tasks stored, first answer after ${r.restartFirstAnswerMs} ms`);
  console.log(
    `expiry of ${r.expiry.tasks} stopped tasks: ${r.expiry.durationMs} ms, longest event-loop stall ${r.expiry.longestStallMs} ms`,
  );
}

const ratio = (x: number, base: number) => (base > 0 ? (x / base).toFixed(2) : '-');
const log = (m: string) => console.error(`[state-scale] ${m}`);

if (import.meta.url === `file://${process.argv[1]}`) {
  printStateScale(await benchStateScale());
}
