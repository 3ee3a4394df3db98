// The whole emulator on the real Docker engine, for one test file: its own instance id (every container and
// subnet network it makes carries it), an SDK client, the control client, and a close() that sweeps the engine.
// Tasks run in the default VPC, whose subnets are Docker networks over 172.31.0.0/16; Docker refuses a second
// network over the same addresses, so a file waits until no one else's 172.31.x network is left on the engine.
import { ECSClient, RegisterTaskDefinitionCommand, type ContainerDefinition } from '@aws-sdk/client-ecs';
import { FargateLocalControl } from '../../../src/client/index.js';
import { testConfig, type TestOverrides } from '../../../src/config.js';
import { defaultVpc, DEFAULT_VPC_CIDR } from '../../../src/domain/network/vpc.js';
import { startEmulator, type RunningEmulator } from '../../../src/main.js';
import { blocksOverlap } from '../../../src/domain/network/cidr.js';
import { LABEL_CONTAINER_NAME, LABEL_TASK_ARN, labelFilter } from '../../../src/runtime/labels.js';
import { BUSYBOX_IMAGE } from '../images.js';
import { docker, exec, newInstanceId, sweep } from './docker-harness.js';

export const SCOPE = { accountId: '000000000000', region: 'us-east-1' };
/** The default VPC's first subnet (172.31.0.0/20). */
export const DEFAULT_SUBNET = defaultVpc(SCOPE, 0).subnets[0]!.subnetId;
export const AWSVPC = { awsvpcConfiguration: { subnets: [DEFAULT_SUBNET] } };

export interface DockerEmulator {
  emu: RunningEmulator;
  ecs: ECSClient;
  control: FargateLocalControl;
  instanceId: string;
  /** Stops the emulator and removes everything it made on the engine. */
  close(): Promise<void>;
}

/** Starts the emulator in-process on the real Docker runtime (no `runtime` option). */
export async function startDockerEmulator(prefix: string, overrides: TestOverrides = {}): Promise<DockerEmulator> {
  const instanceId = newInstanceId(prefix);
  await waitForDefaultVpcRange();
  const emu = await startEmulator(testConfig({ instanceId, ...overrides }));
  const ecs = new ECSClient({
    endpoint: emu.endpoint,
    region: SCOPE.region,
    credentials: { accessKeyId: 'AKIDTEST', secretAccessKey: 'test' },
    maxAttempts: 1,
  });
  return {
    emu,
    ecs,
    control: new FargateLocalControl(emu.endpoint),
    instanceId,
    async close() {
      ecs.destroy();
      await emu.close();
      await sweep(instanceId);
    },
  };
}

/** Waits (up to `timeoutMs`) until no Docker network overlaps the default VPC: another file's may still be going. */
export async function waitForDefaultVpcRange(timeoutMs = 120_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (let attempt = 0; ; attempt++) {
    const clash = (await docker.listNetworks()).filter((n) =>
      (n.IPAM?.Config ?? []).some((c) => c.Subnet && blocksOverlap(c.Subnet, DEFAULT_VPC_CIDR)),
    );
    if (clash.length === 0) return;
    if (attempt === 0) console.warn(`waiting for Docker networks over ${DEFAULT_VPC_CIDR} to go: ${clash.map((n) => n.Name).join(', ')}`);
    if (Date.now() > deadline)
      throw new Error(`Docker networks over ${DEFAULT_VPC_CIDR} are in the way: ${clash.map((n) => n.Name).join(', ')}`);
    await new Promise((r) => setTimeout(r, 1000));
  }
}

/** Registers a one-container Fargate task definition running `script` in the busybox test image; returns its ARN. */
export async function registerBusybox(
  ecs: ECSClient,
  family: string,
  script: string,
  extra: Partial<ContainerDefinition> = {},
): Promise<string> {
  return registerTaskDefinition(ecs, family, [
    { name: 'app', image: BUSYBOX_IMAGE, essential: true, command: ['sh', '-c', script], ...extra },
  ]);
}

export async function registerTaskDefinition(ecs: ECSClient, family: string, containerDefinitions: ContainerDefinition[]): Promise<string> {
  const out = await ecs.send(
    new RegisterTaskDefinitionCommand({
      family,
      requiresCompatibilities: ['FARGATE'],
      networkMode: 'awsvpc',
      cpu: '256',
      memory: '512',
      containerDefinitions,
    }),
  );
  return out.taskDefinition!.taskDefinitionArn!;
}

/** The Docker container of one of a task's containers (by the labels the runtime puts on it). */
export async function dockerContainerOf(taskArn: string, containerName = 'app') {
  const [found] = await docker.listContainers({
    all: true,
    filters: labelFilter({ [LABEL_TASK_ARN]: taskArn, [LABEL_CONTAINER_NAME]: containerName }),
  });
  if (!found) throw new Error(`no Docker container for ${containerName} of ${taskArn}`);
  return docker.getContainer(found.Id);
}

/** Apps that stay up: one drains on SIGTERM and exits 0 at once, one ignores SIGTERM (killed after the grace). */
export const DRAINING_APP = "trap 'echo draining; exit 0' TERM; while true; do sleep 1 & wait $!; done";
export const STUBBORN_APP = "trap '' TERM; while true; do sleep 1; done";

/**
 * Waits until the container's PID 1 handles SIGTERM (`caught`) or ignores it (`ignored`): a shell sets its trap a
 * moment after it starts, and a signal that comes before finds PID 1 without a handler (and is dropped).
 */
export async function untilTermHandled(containerId: string, how: 'caught' | 'ignored', timeoutMs = 10_000): Promise<void> {
  const field = how === 'caught' ? 'SigCgt' : 'SigIgn';
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const { stdout } = await exec(containerId, ['grep', `^${field}:`, '/proc/1/status']);
    const mask = BigInt(`0x${stdout.split(':')[1]?.trim() || '0'}`);
    if (mask & (1n << 14n)) return; // SIGTERM is signal 15: bit 14
    if (Date.now() > deadline) throw new Error(`PID 1 of ${containerId} does not handle SIGTERM (${field} ${stdout.trim()})`);
    await new Promise((r) => setTimeout(r, 50));
  }
}
