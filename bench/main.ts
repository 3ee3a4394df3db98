// `npm run bench`: speed and memory of fargate-local on the real Docker engine, beside the floor of doing the same
// container operations directly through dockerode. Prints a table and writes bench-results/latest.json.
//
//   single   RunTask → RUNNING and StopTask → STOPPED, one task at a time (p50, p95 over SAMPLES tasks)
//   burst20  20 tasks launched at once: wall time until all RUNNING (median of BURST_ROUNDS)
//   Every emulator sample and burst is followed by the floor's, so that load from elsewhere weighs on both alike.
//   burst100 100 tasks at once in one subnet: all RUNNING, no duplicate address, wall time
//   memory   RSS of the emulator as users run it (node dist/cli/main.js, its own process) with no task and with 100
//            RUNNING; and the bench process's own RSS and heap (tsx, emulator in-process) with the 100 at once
//   pool     single and 20 at once again with the warm pool on (its own emulator; the pool refilled before each
//            single sample), and what the pool holds idle (spare pause containers, their memory)
//   spot     a Spot interruption (grace 0) until the service's replacement task is RUNNING (p50 over 10), pool
//            off and on
// BENCH_ONLY=launch runs only single, burst20, burst100, memory, pool, spot and the floor; BENCH_ONLY=memory only the
// emulator process's memory.
//   logs     a container printing 100,000 lines through awslogs: all retrievable in order, last line written →
//            GetLogEvents, the emulator's memory during the burst (bench/logs.ts)
//   elb      HTTP through a load balancer listener to a service of two tasks, beside the same load sent straight
//            to the tasks: requests per second and p50/p99 latency (the listener should keep ≥ 70% of direct)
//   scale    ECS calls with 0, 1,000 and 10,000 stored tasks, as ratios to the empty store (bench/state-scale.ts)
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { DescribeTasksCommand } from '@aws-sdk/client-ecs';
import Dockerode from 'dockerode';
import { ensurePauseImage } from '../src/runtime/pause-image-import.js';
import { ensureBusyboxImage } from '../test/docker/images.js';
import { sweep } from '../test/docker/support/docker-harness.js';
import { isSpareId } from '../src/domain/warm-pool.js';
import { LABEL_TASK_ID } from '../src/runtime/labels.js';
import { ensureFloorNetwork, launchFloorTask, removeFloorObjects, stopFloorTask, type FloorTask } from './docker-floor.js';
import { startBenchEmulator, type BenchEmulator } from './emulator-harness.js';
import { benchLogBurst, printLogBurst, type LogBurstResult } from './logs.js';
import { benchSpotReplacement } from './spot.js';
import { benchLoadBalancer, type LoadBalancerBenchResult } from './load-balancer.js';
import { benchStateScale, printStateScale, type StateScaleResults } from './state-scale.js';
import { summarize, type Summary } from './stats.js';
import { benchProcessMemory, type ProcessMemoryResult } from './process-memory.js';

const SAMPLES = Number(process.env.BENCH_SAMPLES ?? 30);
/** Bursts of 20 measured this many times (emulator and floor in turn); the medians are reported. */
const BURST_ROUNDS = Number(process.env.BENCH_BURST_ROUNDS ?? 3);
/** BENCH_ONLY=launch: only the launch part (single, 20 and 100 at once, memory, pool, Spot) and its floor, in one run. */
const LAUNCH_ONLY = process.env.BENCH_ONLY === 'launch';
const RESULTS_DIR = path.resolve('bench-results');

interface Results {
  startedAt: string;
  machine: { cpus: number; memoryGiB: number; node: string; docker: string };
  samples: number;
  single: { runToRunningMs: Summary; stopToStoppedMs: Summary; floorLaunchMs: Summary; floorStopMs: Summary };
  burst20: { emulatorWallMs: number; floorWallMs: number };
  burst100: { emulatorWallMs: number; floorWallMs: number; allRunning: boolean; distinctAddresses: number };
  memory: {
    rssMiB: number;
    heapUsedMiB: number;
    tasksRunning: number;
    /** process.memoryUsage() with no task running (after the single and 20 at once runs) and with the 100. */
    breakdownMiB: { idle: Record<string, number>; with100: Record<string, number> };
    /** The emulator as users run it (node dist/, a process of its own), with no task and with the 100. */
    process: ProcessMemoryResult;
  };
  pool: {
    runToRunningMs: Summary;
    stopToStoppedMs: Summary;
    /** The floor samples taken beside the pool-on samples. */
    floorLaunchMs: Summary;
    burst20WallMs: number;
    floorBurst20WallMs: number;
    /** The spares held idle after one launch (one subnet and set of groups). */
    idle: { containers: number; memoryMiB: number };
  };
  spot: { interruptionToReplacementRunningMs: Summary };
  spotPool: { interruptionToReplacementRunningMs: Summary };
  logs?: LogBurstResult;
  elb?: LoadBalancerBenchResult;
  scale?: StateScaleResults;
}

const ms = (from: number, to: number) => Math.round((to - from) * 10) / 10;

async function burst(b: BenchEmulator, count: number) {
  const t0 = performance.now();
  const arns = await b.runTasks(count);
  const reached = await Promise.all(arns.map((a) => b.reached(a, 'RUNNING')));
  const wall = ms(t0, Math.max(...reached));
  const described = [];
  for (let i = 0; i < arns.length; i += 100) {
    described.push(...(await b.ecs.send(new DescribeTasksCommand({ tasks: arns.slice(i, i + 100) }))).tasks!);
  }
  const addresses = new Set(described.map((t) => t.containers![0]!.networkInterfaces![0]!.privateIpv4Address));
  return { arns, wall, allRunning: described.every((t) => t.lastStatus === 'RUNNING'), distinctAddresses: addresses.size };
}

const breakdown = (m: NodeJS.MemoryUsage) => Object.fromEntries(Object.entries(m).map(([k, v]) => [k, Math.round(v / 2 ** 20)]));

/** The warm pool's spares of an emulator instance, held idle: how many, and the memory Docker counts for them. */
async function poolIdleCost(docker: Dockerode, instanceId: string) {
  const containers = await docker.listContainers({ filters: { label: [`fargate-local.instance=${instanceId}`] } });
  const spares = containers.filter((c) => isSpareId(c.Labels[LABEL_TASK_ID] ?? ''));
  let bytes = 0;
  for (const c of spares) {
    const stats = (await docker.getContainer(c.Id).stats({ stream: false, 'one-shot': true })) as { memory_stats?: { usage?: number } };
    bytes += stats.memory_stats?.usage ?? 0;
  }
  return { containers: spares.length, memoryMiB: Math.round((bytes / 2 ** 20) * 10) / 10 };
}

async function processMemoryOf(instanceId: string, defaultVpcCidr: string, image: string): Promise<ProcessMemoryResult> {
  try {
    return await benchProcessMemory({ image, instanceId, defaultVpcCidr, tasks: 100 });
  } finally {
    await sweep(instanceId);
  }
}

async function stopAll(b: BenchEmulator, arns: string[]) {
  await Promise.all(arns.map((a) => b.stopTask(a)));
  await Promise.all(arns.map((a) => b.reached(a, 'STOPPED')));
}

/** The floor: the same container operations straight through dockerode, one sample or burst at a time on demand. */
async function startFloor(docker: Dockerode, pauseImage: string, image: string, cidrPrefix: string) {
  const network = `fl-bench-floor-${randomBytes(3).toString('hex')}`;
  await ensureFloorNetwork(docker, network, `${cidrPrefix}.0/24`, `${cidrPrefix}.1`);
  let made = 0;
  const launch = (host: number) =>
    launchFloorTask(docker, { pauseImage, image, network, ip: `${cidrPrefix}.${host}`, name: `${network}-${made++}` });
  return {
    async sample(): Promise<{ launch: number; stop: number }> {
      const t0 = performance.now();
      const task = await launch(4);
      const launched = ms(t0, performance.now());
      const t1 = performance.now();
      await stopFloorTask(task);
      return { launch: launched, stop: ms(t1, performance.now()) };
    },
    async burst(count: number): Promise<number> {
      const t0 = performance.now();
      const tasks: FloorTask[] = await Promise.all(Array.from({ length: count }, (_, i) => launch(4 + i)));
      const wall = ms(t0, performance.now());
      await Promise.all(tasks.map(stopFloorTask));
      return wall;
    },
  };
}
type Floor = Awaited<ReturnType<typeof startFloor>>;

/** One task at a time, each emulator sample followed by a floor sample, so load from elsewhere weighs on both alike. */
async function singleBeside(b: BenchEmulator, floor: Floor, beforeEach: () => Promise<void> = async () => {}) {
  const run: number[] = [];
  const stop: number[] = [];
  const floorLaunch: number[] = [];
  const floorStop: number[] = [];
  for (let i = 0; i < SAMPLES; i++) {
    await beforeEach();
    const t0 = performance.now();
    const [arn] = (await b.runTasks(1)) as [string];
    run.push(ms(t0, await b.reached(arn, 'RUNNING')));
    const t1 = performance.now();
    await b.stopTask(arn);
    stop.push(ms(t1, await b.reached(arn, 'STOPPED')));
    const f = await floor.sample();
    floorLaunch.push(f.launch);
    floorStop.push(f.stop);
  }
  return { run: summarize(run), stop: summarize(stop), floorLaunch: summarize(floorLaunch), floorStop: summarize(floorStop) };
}

/** `count` at once, BURST_ROUNDS times, each emulator burst followed by a floor burst; the medians of each. */
async function burstsBeside(b: BenchEmulator, floor: Floor, count: number, beforeEach: () => Promise<void> = async () => {}) {
  const walls: number[] = [];
  const floorWalls: number[] = [];
  for (let i = 0; i < BURST_ROUNDS; i++) {
    await beforeEach();
    const r = await burst(b, count);
    walls.push(r.wall);
    await stopAll(b, r.arns);
    floorWalls.push(await floor.burst(count));
  }
  return { wall: summarize(walls).p50, floorWall: summarize(floorWalls).p50 };
}

async function main(): Promise<void> {
  const docker = new Dockerode();
  const version = await docker.version();
  const image = await ensureBusyboxImage(docker);
  const pauseImage = await ensurePauseImage(docker);
  const instanceId = `bench-${randomBytes(3).toString('hex')}`;
  // A private /16 for the default VPC (10.20x): never the developer's own 172.31/16.
  const second = 200 + Math.floor(Math.random() * 40);
  if (process.env.BENCH_ONLY === 'memory') {
    log('100 tasks in the emulator as its own process (node dist/cli/main.js)…');
    const pm = await processMemoryOf(`${instanceId}-proc`, `10.${second + 3}.0.0/16`, image);
    console.log(JSON.stringify(pm));
    return;
  }
  if (!LAUNCH_ONLY) log('state at scale (no Docker): 0, 1,000 and 10,000 stored tasks…');
  const scale = LAUNCH_ONLY ? null : await benchStateScale();
  const b = await startBenchEmulator(instanceId, `10.${second}.0.0/16`, image);
  try {
    log(`warming up (images, networks)…`);
    const [warm] = (await b.runTasks(1)) as [string];
    await b.reached(warm, 'RUNNING');
    await stopAll(b, [warm]);

    const floor = await startFloor(docker, pauseImage, image, `10.${second - 100}.200`); // outside the emulator VPC (10.x/16)
    log(`single task, ${SAMPLES} samples, each beside a floor sample…`);
    const s = await singleBeside(b, floor);
    log(`20 at once, ${BURST_ROUNDS} rounds, each beside the floor's…`);
    const b20 = await burstsBeside(b, floor, 20);
    const memBefore = process.memoryUsage();
    log('100 at once in one subnet…');
    const b100 = await burst(b, 100);
    await b.emu.tasks.idle();
    const mem = process.memoryUsage();
    await stopAll(b, b100.arns);
    const floor100 = await floor.burst(100);
    log('100 tasks in the emulator as its own process (node dist/cli/main.js)…');
    const processMemory = await processMemoryOf(`${instanceId}-proc`, `10.${second + 3}.0.0/16`, image);

    log('warm pool on: single task (the pool refilled before each), 20 at once…');
    const poolInstance = `${instanceId}-pool`;
    const bp = await startBenchEmulator(poolInstance, `10.${second + 2}.0.0/16`, image, { warmPool: true });
    let pool: Results['pool'];
    try {
      const settled = async () => {
        await bp.emu.tasks.idle();
        await bp.emu.tasks.warmPool.idle();
      };
      const [w] = (await bp.runTasks(1)) as [string];
      await bp.reached(w, 'RUNNING');
      await stopAll(bp, [w]);
      await settled();
      const idle = await poolIdleCost(docker, poolInstance);
      const ps = await singleBeside(bp, floor, settled);
      const p20 = await burstsBeside(bp, floor, 20, settled);
      pool = {
        runToRunningMs: ps.run,
        stopToStoppedMs: ps.stop,
        floorLaunchMs: ps.floorLaunch,
        burst20WallMs: p20.wall,
        floorBurst20WallMs: p20.floorWall,
        idle,
      };
    } finally {
      await bp.close();
      await sweep(poolInstance);
    }

    log('Spot interruption to replacement, 10 samples, pool off then on…');
    const spotOf = async (warmPool: boolean) => {
      const r = await benchSpotReplacement({ samples: 10, image, warmPool });
      return { interruptionToReplacementRunningMs: summarize(r.samples.map((x) => ms(0, x.replacementRunningMs))) };
    };
    const spot = await spotOf(false);
    const spotPool = await spotOf(true);
    let rest: Pick<Results, 'logs' | 'elb'> | null = null;
    if (!LAUNCH_ONLY) {
      log('100,000 lines through awslogs…');
      const logs = await benchLogBurst({ image, instanceId: `${instanceId}-logs`, defaultVpcCidr: `10.${second + 1}.0.0/16` });
      log('load balancer listener vs direct, 10 s each…');
      const elb = await benchLoadBalancer({ image });
      rest = { logs, elb };
    }

    const results: Results = {
      startedAt: new Date().toISOString(),
      machine: { cpus: os.cpus().length, memoryGiB: Math.round(os.totalmem() / 2 ** 30), node: process.version, docker: version.Version },
      samples: SAMPLES,
      single: { runToRunningMs: s.run, stopToStoppedMs: s.stop, floorLaunchMs: s.floorLaunch, floorStopMs: s.floorStop },
      burst20: { emulatorWallMs: b20.wall, floorWallMs: b20.floorWall },
      burst100: {
        emulatorWallMs: b100.wall,
        floorWallMs: floor100,
        allRunning: b100.allRunning,
        distinctAddresses: b100.distinctAddresses,
      },
      memory: {
        rssMiB: Math.round(mem.rss / 2 ** 20),
        heapUsedMiB: Math.round(mem.heapUsed / 2 ** 20),
        tasksRunning: b100.arns.length,
        breakdownMiB: { idle: breakdown(memBefore), with100: breakdown(mem) },
        process: processMemory,
      },
      pool,
      spot,
      spotPool,
      ...(rest ?? {}),
      ...(scale ? { scale } : {}),
    };
    await fs.mkdir(RESULTS_DIR, { recursive: true });
    const text = JSON.stringify(results, null, 2);
    await fs.writeFile(path.join(RESULTS_DIR, 'latest.json'), `${text}\n`);
    await fs.writeFile(path.join(RESULTS_DIR, `${results.startedAt.replaceAll(':', '-')}.json`), `${text}\n`);
    print(results);
    console.log(`written to ${path.join(RESULTS_DIR, 'latest.json')}`);
  } finally {
    await b.close();
    await sweep(instanceId);
    await removeFloorObjects(docker);
  }
}

function log(line: string) {
  process.stderr.write(`bench: ${line}\n`);
}

function print(r: Results) {
  const row = (name: string, off: string, on: string, floorValue: string) =>
    `${name.padEnd(34)}${off.padStart(16)}${on.padStart(16)}${floorValue.padStart(16)}`;
  const p = (x: Summary) => `${x.p50} / ${x.p95}`;
  const ratio = (a: number, b: number) => `${(a / b).toFixed(2)}×`;
  // Each emulator sample is taken beside a floor sample; the floor column is the one beside pool off.
  console.log(row('', 'pool off', 'pool on', 'dockerode floor'));
  console.log(row('launch → RUNNING ms (p50 / p95)', p(r.single.runToRunningMs), p(r.pool.runToRunningMs), p(r.single.floorLaunchMs)));
  console.log(
    row(
      '  ratio of the p50s to the floor',
      ratio(r.single.runToRunningMs.p50, r.single.floorLaunchMs.p50),
      ratio(r.pool.runToRunningMs.p50, r.pool.floorLaunchMs.p50),
      '',
    ),
  );
  console.log(row('stop → STOPPED ms (p50 / p95)', p(r.single.stopToStoppedMs), p(r.pool.stopToStoppedMs), p(r.single.floorStopMs)));
  console.log(row('20 at once, wall ms', String(r.burst20.emulatorWallMs), String(r.pool.burst20WallMs), String(r.burst20.floorWallMs)));
  console.log(
    row(
      '  ratio to the floor',
      ratio(r.burst20.emulatorWallMs, r.burst20.floorWallMs),
      ratio(r.pool.burst20WallMs, r.pool.floorBurst20WallMs),
      '',
    ),
  );
  console.log(
    `  (the floor beside the pool-on samples: launch p50 ${r.pool.floorLaunchMs.p50} ms, 20 at once ${r.pool.floorBurst20WallMs} ms)`,
  );
  console.log(row('100 at once (one subnet), wall ms', String(r.burst100.emulatorWallMs), '', String(r.burst100.floorWallMs)));
  console.log(row('  ratio to the floor', ratio(r.burst100.emulatorWallMs, r.burst100.floorWallMs), '', ''));
  console.log(
    row(
      'Spot → replacement RUNNING ms',
      p(r.spot.interruptionToReplacementRunningMs),
      p(r.spotPool.interruptionToReplacementRunningMs),
      '',
    ),
  );
  console.log(`100 at once: all RUNNING ${r.burst100.allRunning}, distinct addresses ${r.burst100.distinctAddresses}`);
  console.log(
    `the pool's idle cost (one subnet and set of groups): ${r.pool.idle.containers} pause containers, ${r.pool.idle.memoryMiB} MiB`,
  );
  const pm = r.memory.process;
  console.log(
    `memory of the emulator process (node dist/, pool off): RSS ${pm.idleRssMiB} MiB with no task, ${pm.rssMiB} MiB with ${pm.tasks} RUNNING, peak ${pm.peakRssMiB} MiB`,
  );
  console.log(
    `memory of the bench process (tsx, emulator in-process) with ${r.memory.tasksRunning} tasks: RSS ${r.memory.rssMiB} MiB, heap ${r.memory.heapUsedMiB} MiB`,
  );
  console.log(
    `  MiB with no task: ${JSON.stringify(r.memory.breakdownMiB.idle)}; with 100: ${JSON.stringify(r.memory.breakdownMiB.with100)}`,
  );
  if (!r.elb || !r.logs || !r.scale) return;
  const lr = (x: LoadBalancerBenchResult['listener']) =>
    `${x.requestsPerSecond} req/s, p50 ${x.p50Ms} ms, p99 ${x.p99Ms} ms, ${x.errors} errors`;
  console.log(`HTTP through the listener: ${lr(r.elb.listener)}`);
  console.log(`HTTP straight to the tasks: ${lr(r.elb.direct)} (listener keeps ${Math.round(r.elb.throughputRatio * 100)}%)`);
  printLogBurst(r.logs);
  console.log('');
  printStateScale(r.scale);
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
