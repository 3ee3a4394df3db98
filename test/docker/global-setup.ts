// Once per `vitest --project docker` run: the engine must answer, and the test images must exist.
// (scripts/docker-engine.sh, run by `npm test`, starts an engine when it can.) Objects that aborted runs left behind
// are removed first (only those whose run is gone: other runs may share the engine), and the run must end with none
// of its own left (support/leak-sweep.ts).
import Dockerode from 'dockerode';
import { DEFAULT_AGENT_NETWORK } from '../../src/runtime/networks.js';
import { ensureBusyboxImage } from './images.js';
import { countOf, describeSwept, processAlive, sweepTestRuns, TEST_RUN_VARIABLE } from './support/leak-sweep.js';

export default async function setup(): Promise<() => Promise<void>> {
  const docker = new Dockerode();
  try {
    await docker.ping();
  } catch (err) {
    throw new Error(`no Docker engine answers (run scripts/docker-engine.sh): ${(err as Error).message}`);
  }
  // The test files (in worker processes started after this) name this run in their instance ids.
  process.env[TEST_RUN_VARIABLE] = String(process.pid);
  const leftovers = await sweepTestRuns(docker, (run) => run !== process.pid && !processAlive(run));
  if (countOf(leftovers) > 0) console.warn(`removed what aborted test runs left on the engine: ${describeSwept(leftovers)}`);
  await ensureBusyboxImage(docker);
  return async () => {
    // Each file sweeps its own objects; what is left now leaked. Remove it, say what it was, and fail if any stays.
    const leaked = await sweepTestRuns(docker, (run) => run === process.pid);
    if (countOf(leaked) > 0) console.warn(`this run left objects on the engine (now removed): ${describeSwept(leaked)}`);
    const stuck = await sweepTestRuns(docker, (run) => run === process.pid);
    if (countOf(stuck) > 0) throw new Error(`this run's objects could not be removed: ${describeSwept(stuck)}`);
    // The agent network is shared by every emulator on the engine; remove it only when no container uses it
    // (Docker refuses otherwise, and the runtime recreates it on demand).
    try {
      const info = (await docker.getNetwork(DEFAULT_AGENT_NETWORK.name).inspect()) as { Containers?: Record<string, unknown> };
      if (Object.keys(info.Containers ?? {}).length === 0) await docker.getNetwork(DEFAULT_AGENT_NETWORK.name).remove();
    } catch {
      // gone already, or in use by someone else's tasks
    }
  };
}
