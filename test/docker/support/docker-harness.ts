// Helpers for tests on the real engine: a private instance id and subnet per test file, specs for tasks, exec,
// and a sweep that removes everything labelled with the instance id.
import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { promisify } from 'node:util';
import { PassThrough } from 'node:stream';
import Dockerode from 'dockerode';
import { pino } from 'pino';
import type { ContainerSpec, RuntimeEvent, SandboxSpec, SubnetNetworkSpec, TaskIdentity } from '../../../src/domain/task-runtime.js';
import { labelFilter, LABEL_INSTANCE } from '../../../src/runtime/labels.js';
import { BUSYBOX_IMAGE } from '../images.js';
import { testRunMarker } from './leak-sweep.js';

export const docker = new Dockerode();
export const quietLogger = pino({ level: 'silent' });

/** `test-r<run pid>-<prefix>-<8 hex>`: unique, and naming the test run that owns it (see leak-sweep.ts). */
export function newInstanceId(prefix: string): string {
  return `${testRunMarker()}${prefix}-${randomBytes(4).toString('hex')}`;
}

/** A /24 in 10.250.0.0/16 that no Docker network on the engine uses yet. */
export async function freeTestSubnet(): Promise<SubnetNetworkSpec> {
  const used = new Set<string>();
  for (const n of await docker.listNetworks()) {
    for (const c of n.IPAM?.Config ?? []) if (c.Subnet) used.add(c.Subnet);
  }
  for (let attempt = 0; attempt < 500; attempt++) {
    const x = 1 + Math.floor(Math.random() * 250);
    const cidr = `10.250.${x}.0/24`;
    if (!used.has(cidr)) {
      return { vpcId: `vpc-${x}`, cidr, gateway: `10.250.${x}.1`, internal: true };
    }
  }
  throw new Error('no free 10.250.x.0/24');
}

export function newTask(): TaskIdentity {
  const taskId = randomBytes(16).toString('hex');
  return {
    taskId,
    taskArn: `arn:aws:ecs:us-east-1:000000000000:task/test/${taskId}`,
    clusterArn: 'arn:aws:ecs:us-east-1:000000000000:cluster/test',
    family: 'test',
    revision: 1,
    scopeKey: '000000000000/us-east-1',
  };
}

/** Hands out .10, .11, … of the subnet. */
export function sandboxSpecs(subnet: SubnetNetworkSpec) {
  let host = 10;
  const prefix = subnet.cidr.split('.').slice(0, 3).join('.');
  return (task: TaskIdentity = newTask(), extra: Partial<SandboxSpec> = {}): SandboxSpec => {
    const n = host++;
    return {
      task,
      subnet,
      ipv4Address: `${prefix}.${n}`,
      macAddress: `02:fa:00:00:00:${n.toString(16).padStart(2, '0')}`,
      hostname: `ip-${prefix.replaceAll('.', '-')}-${n}`,
      scratchVolumes: [],
      ...extra,
    };
  };
}

export function appSpec(name: string, command: string[], extra: Partial<ContainerSpec> = {}): ContainerSpec {
  return {
    name,
    image: BUSYBOX_IMAGE,
    command,
    environment: {},
    ulimits: [],
    initProcessEnabled: false,
    readonlyRootFilesystem: false,
    dockerLabels: {},
    systemControls: [],
    mounts: [],
    volumesFrom: [],
    capabilitiesAdd: [],
    capabilitiesDrop: [],
    ...extra,
  };
}

/** The filter table inside a container's network namespace, read from this host (the tests run as root on it). */
export async function namespaceRules(containerId: string, table = 'filter'): Promise<string> {
  const info = await docker.getContainer(containerId).inspect();
  const { stdout } = await promisify(execFile)(
    'nsenter',
    [`--net=/proc/${info.State.Pid}/ns/net`, '--', 'xtables-nft-multi', 'iptables-save', '-t', table],
    {
      timeout: 10_000,
    },
  );
  return stdout;
}

export async function exec(
  containerId: string,
  cmd: string[],
  env: Record<string, string> = {},
): Promise<{ exitCode: number; stdout: string; stderr: string }> {
  const e = await docker.getContainer(containerId).exec({
    Cmd: cmd,
    Env: Object.entries(env).map(([k, v]) => `${k}=${v}`),
    AttachStdout: true,
    AttachStderr: true,
  });
  const stream = await e.start({ hijack: true, stdin: false });
  const out = new PassThrough();
  const err = new PassThrough();
  let stdout = '';
  let stderr = '';
  out.on('data', (c: Buffer) => (stdout += c.toString()));
  err.on('data', (c: Buffer) => (stderr += c.toString()));
  docker.modem.demuxStream(stream, out, err);
  await new Promise<void>((resolve) => stream.on('end', () => resolve()));
  const info = await e.inspect();
  return { exitCode: info.ExitCode ?? -1, stdout, stderr };
}

/** Collects runtime events and waits for one that matches. */
export class EventLog {
  readonly events: RuntimeEvent[] = [];
  private waiters: { match: (e: RuntimeEvent) => boolean; resolve: (e: RuntimeEvent) => void }[] = [];

  readonly listener = (event: RuntimeEvent): void => {
    this.events.push(event);
    this.waiters = this.waiters.filter((w) => {
      if (!w.match(event)) return true;
      w.resolve(event);
      return false;
    });
  };

  waitFor(match: (e: RuntimeEvent) => boolean, timeoutMs = 30_000): Promise<RuntimeEvent> {
    const seen = this.events.find(match);
    if (seen) return Promise.resolve(seen);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error(`no matching runtime event in ${timeoutMs} ms; got ${JSON.stringify(this.events)}`)),
        timeoutMs,
      );
      this.waiters.push({
        match,
        resolve: (e) => {
          clearTimeout(timer);
          resolve(e);
        },
      });
    });
  }
}

/** Everything on the engine labelled with this instance id. */
export async function ownedObjects(instanceId: string) {
  const filters = labelFilter({ [LABEL_INSTANCE]: instanceId });
  const [containers, volumes, networks] = await Promise.all([
    docker.listContainers({ all: true, filters }),
    docker.listVolumes({ filters }),
    docker.listNetworks({ filters }),
  ]);
  return { containers, volumes: volumes.Volumes ?? [], networks };
}

/** Removes every container, volume and network labelled with this instance id (apps before pauses). */
export async function sweep(instanceId: string): Promise<void> {
  const { containers, volumes, networks } = await ownedObjects(instanceId);
  const rm = (id: string) =>
    docker
      .getContainer(id)
      .remove({ force: true, v: true })
      .catch(() => undefined);
  await Promise.all(containers.filter((c) => c.Labels['fargate-local.role'] !== 'pause').map((c) => rm(c.Id)));
  await Promise.all(containers.filter((c) => c.Labels['fargate-local.role'] === 'pause').map((c) => rm(c.Id)));
  await Promise.all(
    volumes.map((v) =>
      docker
        .getVolume(v.Name)
        .remove()
        .catch(() => undefined),
    ),
  );
  await Promise.all(
    networks.map((n) =>
      docker
        .getNetwork(n.Id)
        .remove()
        .catch(() => undefined),
    ),
  );
}

export function median(values: number[]): number {
  const s = [...values].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

/**
 * A /16 for an emulator's default VPC that overlaps no Docker network on the engine (emulators that share an engine,
 * such as test files of parallel runs, must not all use 172.31.0.0/16: Docker refuses overlapping networks).
 */
export async function freeVpcCidr(): Promise<string> {
  const used: string[] = [];
  for (const n of await docker.listNetworks()) for (const c of n.IPAM?.Config ?? []) if (c.Subnet) used.push(c.Subnet);
  for (let attempt = 0; attempt < 500; attempt++) {
    const second = 100 + Math.floor(Math.random() * 150);
    if (!used.some((s) => s.startsWith(`10.${second}.`))) return `10.${second}.0.0/16`;
  }
  throw new Error('no free 10.x.0.0/16 for a default VPC');
}
