// One level of the state-at-scale benchmark: an emulator in a process of its own (as a user runs it), seeded with
// `tasks` stored tasks and a tenth as many revisions, then driven over HTTP by bench/state-scale.ts, which talks to
// this process over IPC for what HTTP does not show (bytes written, event-loop stalls, memory).
//
//   forked by bench/state-scale.ts: state-level.ts <data dir> <tasks>
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { allStopped, seed, start } from './state-fixture.js';

/** Parent to child. */
export type LevelRequest =
  | { id: number; kind: 'stats' }
  | { id: number; kind: 'stopped'; taskIds: string[] }
  | { id: number; kind: 'stalls-start' }
  | { id: number; kind: 'stalls-stop' }
  | { id: number; kind: 'close' };

/** Child to parent: first `ready`, then one reply per request. */
export type LevelMessage =
  | { kind: 'ready'; port: number; subnet: string }
  | { kind: 'reply'; id: number; value: unknown }
  | { kind: 'failed'; id: number; error: string };

const [dataDir, tasksArg] = process.argv.slice(2);
if (!dataDir || tasksArg === undefined || !process.send)
  throw new Error('forked by bench/state-scale.ts: state-level.ts <data dir> <tasks>');
const gc = (globalThis as unknown as { gc?: () => void }).gc;
if (!gc) throw new Error('run with --expose-gc');
const send = (m: LevelMessage) => process.send!(m);

const tasks = Number(tasksArg);
const s = await start(dataDir);
await seed(s, tasks, tasks / 10);
// Seeding makes in seconds what a long-running emulator accumulates over hours: its garbage is not the calls' to pay.
gc();
const stalls = monitorEventLoopDelay({ resolution: 5 });

async function answer(r: LevelRequest): Promise<unknown> {
  switch (r.kind) {
    case 'stats':
      return s.emu.deps.store.stats();
    case 'stopped':
      await allStopped(s, r.taskIds);
      await s.emu.deps.store.flush();
      return null;
    case 'stalls-start':
      stalls.reset();
      stalls.enable();
      return null;
    case 'stalls-stop':
      stalls.disable();
      return Math.round(stalls.max / 1e4) / 100;
    case 'close':
      s.client.close();
      await s.emu.close();
      return null;
  }
}

process.on('message', (r: LevelRequest) => {
  answer(r).then(
    (value) => {
      send({ kind: 'reply', id: r.id, value });
      if (r.kind === 'close') process.disconnect();
    },
    (err: unknown) => send({ kind: 'failed', id: r.id, error: String(err) }),
  );
});
send({ kind: 'ready', port: s.emu.port, subnet: s.subnet });
