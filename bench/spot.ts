// Benchmark: Fargate Spot interruption → replacement RUNNING, on the real Docker engine.
// An in-process emulator (grace 0: SIGKILL at once) runs a FARGATE_SPOT service; each sample interrupts one RUNNING
// task and times, from the interruption request, the victim's STOPPED and the first RUNNING event of its
// replacement (both seen on the event stream), then waits for the service to be steady again.
// Needs the busybox test image (test/docker/images.ts builds it) and the default VPC's range (172.31.0.0/16) free
// on the engine; removes every container and network it made.
import {
  CreateClusterCommand,
  CreateServiceCommand,
  ECSClient,
  RegisterTaskDefinitionCommand,
  waitUntilServicesStable,
} from '@aws-sdk/client-ecs';
import Dockerode from 'dockerode';
import { FargateLocalControl } from '../src/client/index.js';
import { testConfig } from '../src/config.js';
import { defaultVpc } from '../src/domain/network/vpc.js';
import { startEmulator } from '../src/main.js';
import { labelFilter, LABEL_INSTANCE, LABEL_ROLE } from '../src/runtime/labels.js';

export interface SpotBenchOptions {
  /** Interruptions to time (default 10). */
  samples?: number;
  /** Tasks in the service (default 2). */
  desiredCount?: number;
  /** An image with /bin/sh, present locally (default the test suite's busybox). */
  image?: string;
  /** Labels every Docker object of the run (default a fresh `bench-spot-…`). */
  instanceId?: string;
  /** With the warm pool (default off); each sample then starts with the pool refilled. */
  warmPool?: boolean;
}

export interface SpotReplacementSample {
  /** Interruption request → the victim's STOPPED event. */
  stoppedMs: number;
  /** Interruption request → the replacement's first RUNNING event. */
  replacementRunningMs: number;
}

export interface SpotBenchResult {
  samples: SpotReplacementSample[];
  /** Median of replacementRunningMs. */
  p50ReplacementRunningMs: number;
}

const SCOPE = { accountId: '000000000000', region: 'us-east-1' };

export async function benchSpotReplacement(options: SpotBenchOptions = {}): Promise<SpotBenchResult> {
  const count = options.samples ?? 10;
  const instanceId = options.instanceId ?? `bench-spot-${Date.now().toString(36)}`;
  const emu = await startEmulator(testConfig({ instanceId, spotGraceMs: 0, warmPool: options.warmPool ?? false }));
  const ecs = new ECSClient({
    endpoint: emu.endpoint,
    region: SCOPE.region,
    credentials: { accessKeyId: 'bench', secretAccessKey: 'bench' },
    maxAttempts: 1,
  });
  const control = new FargateLocalControl(emu.endpoint);
  try {
    const cluster = 'bench-spot';
    await ecs.send(
      new CreateClusterCommand({
        clusterName: cluster,
        capacityProviders: ['FARGATE_SPOT'],
        defaultCapacityProviderStrategy: [{ capacityProvider: 'FARGATE_SPOT', weight: 1 }],
      }),
    );
    const { taskDefinition } = await ecs.send(
      new RegisterTaskDefinitionCommand({
        family: 'bench-spot',
        requiresCompatibilities: ['FARGATE'],
        networkMode: 'awsvpc',
        cpu: '256',
        memory: '512',
        containerDefinitions: [
          { name: 'app', image: options.image ?? 'fargate-local-test/busybox:latest', essential: true, command: ['sleep', '3600'] },
        ],
      }),
    );
    const subnets = [defaultVpc(SCOPE, 0).subnets[0]!.subnetId];
    await ecs.send(
      new CreateServiceCommand({
        cluster,
        serviceName: 'web',
        taskDefinition: taskDefinition!.taskDefinitionArn,
        desiredCount: options.desiredCount ?? 2,
        networkConfiguration: { awsvpcConfiguration: { subnets } },
      }),
    );
    const waiter = { client: ecs, maxWaitTime: 120, minDelay: 1, maxDelay: 1 };
    await waitUntilServicesStable(waiter, { cluster, services: ['web'] });
    await emu.tasks.idle();
    await emu.tasks.warmPool.idle();

    const samples: SpotReplacementSample[] = [];
    for (let i = 0; i < count; i++) {
      const live = emu.deps.store.read(SCOPE, (s) =>
        Object.values(s.tasks).filter((t) => t.group === 'service:web' && t.lastStatus === 'RUNNING' && t.desiredStatus === 'RUNNING'),
      );
      const victim = live[0]!.taskArn;
      const known = new Set(live.map((t) => t.taskArn));
      let t0 = 0;
      let stoppedAt = 0;
      let runningAt = 0;
      // The replacement starts as soon as the victim is told to stop: either event can come first.
      await control.waitForEvent(
        (e) => {
          if (e['detail-type'] !== 'ECS Task State Change') return false;
          const now = performance.now();
          if (e.resources[0] === victim && e.detail.lastStatus === 'STOPPED') stoppedAt ||= now;
          if (!known.has(e.resources[0]!) && e.detail.group === 'service:web' && e.detail.lastStatus === 'RUNNING') runningAt ||= now;
          return stoppedAt > 0 && runningAt > 0;
        },
        {
          timeoutMs: 60_000,
          onOpen: async () => {
            t0 = performance.now();
            await control.interruptSpot({ cluster, task: victim });
          },
        },
      );
      samples.push({ stoppedMs: stoppedAt - t0, replacementRunningMs: runningAt - t0 });
      await waitUntilServicesStable(waiter, { cluster, services: ['web'] });
      await emu.tasks.idle();
      await emu.tasks.warmPool.idle();
    }
    const sorted = samples.map((s) => s.replacementRunningMs).sort((a, b) => a - b);
    const mid = Math.floor(sorted.length / 2);
    const p50 = sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
    return { samples, p50ReplacementRunningMs: p50 };
  } finally {
    ecs.destroy();
    await emu.close();
    await removeOwned(instanceId);
  }
}

/** Removes every container (apps, then pauses) and network labelled with the run's instance id. */
async function removeOwned(instanceId: string): Promise<void> {
  const docker = new Dockerode();
  const filters = labelFilter({ [LABEL_INSTANCE]: instanceId });
  const containers = await docker.listContainers({ all: true, filters });
  const rm = (id: string) =>
    docker
      .getContainer(id)
      .remove({ force: true, v: true })
      .catch(() => undefined);
  await Promise.all(containers.filter((c) => c.Labels[LABEL_ROLE] !== 'pause').map((c) => rm(c.Id)));
  await Promise.all(containers.filter((c) => c.Labels[LABEL_ROLE] === 'pause').map((c) => rm(c.Id)));
  for (const n of await docker.listNetworks({ filters }))
    await docker
      .getNetwork(n.Id)
      .remove()
      .catch(() => undefined);
}
