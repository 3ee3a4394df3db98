// DockerTaskRuntime on the real engine. Each file run has its own instance id and its own 10.250.x.0/24, and
// sweeps everything labelled with that instance id in afterAll. Traffic goes only to our own containers.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RuntimeError, type SandboxSpec, type SubnetNetworkSpec, type TaskIdentity } from '../../src/domain/task-runtime.js';
import { systemClock } from '../../src/domain/ports.js';
import { DockerTaskRuntime } from '../../src/runtime/docker-task-runtime.js';
import {
  appSpec,
  docker,
  EventLog,
  exec,
  freeTestSubnet,
  newInstanceId,
  newTask,
  ownedObjects,
  quietLogger,
  sandboxSpecs,
  sweep,
} from './support/docker-harness.js';

const instanceId = newInstanceId('rt');
let subnet: SubnetNetworkSpec;
let nextSandbox: (task?: TaskIdentity, extra?: Partial<SandboxSpec>) => SandboxSpec;
let runtime: DockerTaskRuntime;
const log = new EventLog();
const limits = { cpu: 256, memory: 512 };

beforeAll(async () => {
  subnet = await freeTestSubnet(instanceId);
  nextSandbox = sandboxSpecs(subnet);
  runtime = new DockerTaskRuntime({ docker, instanceId, logger: quietLogger, clock: systemClock });
  runtime.subscribe(log.listener);
  await runtime.eventsReady();
});

afterAll(async () => {
  await runtime?.close();
  await sweep(instanceId);
});

/** A running task: sandbox plus one app. */
async function startTask(command: string[], extra: Parameters<typeof appSpec>[2] = {}) {
  const spec = nextSandbox();
  const sandbox = await runtime.createSandbox(spec, limits);
  const app = await runtime.startContainer(spec.task, sandbox, appSpec('app', command, extra));
  return { spec, sandbox, app };
}

describe('sandbox and app containers', () => {
  it('runs an app in the pause container’s netns: subnet IP on eth0, the only default route, agent net second', async () => {
    const { spec, sandbox, app } = await startTask(['sleep', '300']);
    expect(await runtime.available()).toBe(true);
    expect(sandbox.agentIpv4Address).toMatch(/^169\.254\.\d+\.\d+$/);

    const eth0 = await exec(app.dockerId, ['ip', '-4', '-o', 'addr', 'show', 'dev', 'eth0']);
    expect(eth0.stdout).toContain(`inet ${spec.ipv4Address}/24`);
    const eth1 = await exec(app.dockerId, ['ip', '-4', '-o', 'addr', 'show', 'dev', 'eth1']);
    expect(eth1.stdout).toContain(`inet ${sandbox.agentIpv4Address}/16`);
    const routes = (await exec(app.dockerId, ['ip', '-4', 'route'])).stdout.trim().split('\n').map((r) => r.trim());
    expect(routes.filter((r) => r.startsWith('default'))).toEqual([`default via ${subnet.gateway} dev eth0`]);
    expect(routes.some((r) => r.startsWith('169.254.0.0/16 dev eth1'))).toBe(true);
    const mac = await exec(app.dockerId, ['cat', '/sys/class/net/eth0/address']);
    expect(mac.stdout.trim()).toBe(spec.macAddress);
    const hostname = await exec(app.dockerId, ['hostname']);
    expect(hostname.stdout.trim()).toBe(spec.hostname);

    const netnsOf = async (id: string) => (await exec(id, ['readlink', '/proc/1/ns/net'])).stdout.trim();
    const pauseInfo = await docker.getContainer(sandbox.pauseContainerId).inspect();
    expect(pauseInfo.Config.Labels).toMatchObject({ 'fargate-local.role': 'pause', 'fargate-local.task-id': spec.task.taskId });
    expect(pauseInfo.HostConfig.RestartPolicy?.Name).toBe('no');
    const appInfo = await docker.getContainer(app.dockerId).inspect();
    expect(appInfo.HostConfig.NetworkMode).toBe(`container:${sandbox.pauseContainerId}`);
    expect(appInfo.Config.Labels).toMatchObject({ 'com.amazonaws.ecs.container-name': 'app', 'com.amazonaws.ecs.task-arn': spec.task.taskArn });
    expect(appInfo.HostConfig.Memory).toBe(512 * 1024 * 1024);
    expect(await netnsOf(app.dockerId)).toMatch(/^net:\[\d+\]$/);

    const state = await runtime.inspectContainer(app.dockerId);
    expect(state).toMatchObject({ running: true, exitCode: null, oomKilled: false, health: 'UNKNOWN', finishedAt: null });
    expect(state?.startedAt).toBeGreaterThan(Date.now() - 60_000);

    await runtime.removeTask(spec.task.taskId);
  });
});
