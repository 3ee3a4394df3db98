// A restart on a data directory the state-scale benchmark filled, in a process of its own (bench/state-scale.ts runs
// it): the time from the start of the emulator to the answer to its first call, the process's RSS and heap (after a
// full garbage collection), then the expiry of every stored stopped task at once (the emulator starts with a retention
// of 1 ms). Prints one JSON line (RestartResult).
//
//   node --expose-gc --import tsx bench/state-restart.ts <data dir>
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { CLUSTER, SCOPE, start } from './state-fixture.js';
import type { RestartResult } from './state-scale.js';

const round = (x: number) => Math.round(x * 100) / 100;
const dataDir = process.argv[2];
if (!dataDir) throw new Error('usage: state-restart.ts <data dir>');
const gc = (globalThis as unknown as { gc?: () => void }).gc;
if (!gc) throw new Error('run with --expose-gc');

// Keeps the process alive while the emulator closes (its grace timers do not).
const keepAlive = setInterval(() => {}, 1000);
const t0 = performance.now();
const s = await start(dataDir, 1);
try {
  await s.client.call('ListTasks', { cluster: CLUSTER });
  const firstAnswerMs = round(performance.now() - t0);
  gc();
  const { rss, heapUsed } = process.memoryUsage();
  const count = () => s.emu.deps.store.read(SCOPE, (st) => Object.keys(st.tasks).length);
  const stored = count();
  const stalls = monitorEventLoopDelay({ resolution: 5 });
  stalls.enable();
  const t1 = performance.now();
  await s.emu.tasks.sweepExpired();
  const durationMs = round(performance.now() - t1);
  stalls.disable();
  const result: RestartResult = {
    firstAnswerMs,
    rssMiB: Math.round(rss / 2 ** 20),
    heapMiB: Math.round((heapUsed / 2 ** 20) * 10) / 10,
    expiry: { tasks: stored - count(), durationMs, longestStallMs: round(stalls.max / 1e6) },
  };
  console.log(JSON.stringify(result));
} finally {
  s.client.close();
  await s.emu.close();
  clearInterval(keepAlive);
}
