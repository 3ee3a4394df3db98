// The floor: the same container operations the emulator performs for a task, done directly with dockerode
// (pause on the subnet network with a static IP and the agent network connected before start, then the app
// joined to its namespace; on stop, the app stopped and both removed). No state, no API, no events.
import type Dockerode from 'dockerode';
import { DEFAULT_AGENT_NETWORK } from '../src/runtime/networks.js';

export const FLOOR_LABEL = 'fargate-local.bench-floor';

export interface FloorTask {
  pause: Dockerode.Container;
  app: Dockerode.Container;
}

export async function ensureFloorNetwork(docker: Dockerode, name: string, cidr: string, gateway: string): Promise<void> {
  const existing = await docker.listNetworks({ filters: { name: [name] } });
  if (existing.some((n) => n.Name === name)) return;
  await docker.createNetwork({
    Name: name,
    Driver: 'bridge',
    Internal: true,
    Labels: { [FLOOR_LABEL]: 'true' },
    IPAM: { Config: [{ Subnet: cidr, Gateway: gateway }] },
  });
}

export async function launchFloorTask(
  docker: Dockerode,
  opts: { pauseImage: string; image: string; network: string; ip: string; name: string },
): Promise<FloorTask> {
  const pause = await docker.createContainer({
    name: `${opts.name}-pause`,
    Image: opts.pauseImage,
    Labels: { [FLOOR_LABEL]: 'true' },
    HostConfig: { NetworkMode: opts.network },
    NetworkingConfig: { EndpointsConfig: { [opts.network]: { IPAMConfig: { IPv4Address: opts.ip } } } },
  });
  await docker.getNetwork(DEFAULT_AGENT_NETWORK.name).connect({ Container: pause.id });
  await pause.start();
  const app = await docker.createContainer({
    name: `${opts.name}-app`,
    Image: opts.image,
    Cmd: ['sh', '-c', 'trap "exit 0" TERM; while true; do sleep 1 & wait $!; done'],
    Labels: { [FLOOR_LABEL]: 'true' },
    HostConfig: { NetworkMode: `container:${pause.id}` },
  });
  await app.start();
  return { pause, app };
}

export async function stopFloorTask(task: FloorTask): Promise<void> {
  await task.app.stop({ t: 30 }).catch(() => undefined);
  await task.app.remove({ force: true });
  await task.pause.remove({ force: true });
}

export async function removeFloorObjects(docker: Dockerode): Promise<void> {
  const filters = { label: [`${FLOOR_LABEL}=true`] };
  for (const c of await docker.listContainers({ all: true, filters })) {
    if (c.Labels['fargate-local.role'] !== 'pause')
      await docker
        .getContainer(c.Id)
        .remove({ force: true })
        .catch(() => undefined);
  }
  for (const c of await docker.listContainers({ all: true, filters }))
    await docker
      .getContainer(c.Id)
      .remove({ force: true })
      .catch(() => undefined);
  for (const n of await docker.listNetworks({ filters }))
    await docker
      .getNetwork(n.Id)
      .remove()
      .catch(() => undefined);
}
