// Once per `vitest --project docker` run: the engine must answer, and the test images must exist.
// (scripts/docker-engine.sh, run by `npm test`, starts an engine when it can.)
import Dockerode from 'dockerode';
import { DEFAULT_AGENT_NETWORK } from '../../src/runtime/networks.js';
import { ensureBusyboxImage } from './images.js';

export default async function setup(): Promise<() => Promise<void>> {
  const docker = new Dockerode();
  try {
    await docker.ping();
  } catch (err) {
    throw new Error(`no Docker engine answers (run scripts/docker-engine.sh): ${(err as Error).message}`);
  }
  await ensureBusyboxImage(docker);
  return async () => {
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
