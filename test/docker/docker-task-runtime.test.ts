// DockerTaskRuntime on the real engine. Each file run has its own instance id and its own 10.250.x.0/24, and
// sweeps everything labelled with that instance id in afterAll. Traffic goes only to our own containers.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { untilTermHandled } from './support/docker-emulator.js';
import { RuntimeError, type SandboxSpec, type SubnetNetworkSpec, type TaskIdentity } from '../../src/domain/task-runtime.js';
import { systemClock } from '../../src/domain/ports.js';
import { DockerTaskRuntime } from '../../src/runtime/docker-task-runtime.js';
import { vpcNetworkDockerName } from '../../src/runtime/names.js';
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
  subnet = await freeTestSubnet();
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
    const routes = (await exec(app.dockerId, ['ip', '-4', 'route'])).stdout
      .trim()
      .split('\n')
      .map((r) => r.trim());
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
    expect(appInfo.Config.Labels).toMatchObject({
      'com.amazonaws.ecs.container-name': 'app',
      'com.amazonaws.ecs.task-arn': spec.task.taskArn,
    });
    expect(appInfo.HostConfig.Memory).toBe(512 * 1024 * 1024);
    expect(await netnsOf(app.dockerId)).toMatch(/^net:\[\d+\]$/);

    const state = await runtime.inspectContainer(app.dockerId);
    expect(state).toMatchObject({ running: true, exitCode: null, oomKilled: false, health: 'UNKNOWN', finishedAt: null });
    expect(state?.startedAt).toBeGreaterThan(Date.now() - 60_000);

    await runtime.removeTask(spec.task.taskId);
  });
});

describe('stopping and exits', () => {
  it('stopContainer sends SIGTERM: an app that traps it exits 0 well before the timeout', async () => {
    const { spec, app } = await startTask(['sh', '-c', "trap 'exit 0' TERM; while true; do sleep 0.1; done"]);
    await untilTermHandled(app.dockerId, 'caught'); // a SIGTERM before the trap is set would be dropped by PID 1
    const started = Date.now();
    await runtime.stopContainer(app.dockerId, 10);
    // Before the 10 s timeout: the SIGTERM ended it (the exit code 0 below says so too), no SIGKILL was needed.
    expect(Date.now() - started).toBeLessThan(10_000);
    const exited = await log.waitFor((e) => e.kind === 'exited' && e.dockerId === app.dockerId);
    expect(exited).toMatchObject({ kind: 'exited', taskId: spec.task.taskId, containerName: 'app', exitCode: 0, oomKilled: false });
    expect(await runtime.inspectContainer(app.dockerId)).toMatchObject({ running: false, exitCode: 0 });
    // Stopping again is a no-op (Docker answers 304).
    await runtime.stopContainer(app.dockerId, 10);
    await runtime.removeTask(spec.task.taskId);
  });

  it('stopContainer sends SIGKILL after the timeout to an app that ignores SIGTERM: exit 137', async () => {
    const { spec, app } = await startTask(['sh', '-c', "trap '' TERM; while true; do sleep 0.1; done"]);
    await untilTermHandled(app.dockerId, 'ignored');
    const started = Date.now();
    await runtime.stopContainer(app.dockerId, 2);
    const elapsed = Date.now() - started;
    // Not before the 2 s timeout; the upper bound only says the SIGKILL came (loose: the machine may be loaded).
    expect(elapsed).toBeGreaterThanOrEqual(1_900);
    expect(elapsed).toBeLessThan(30_000);
    const exited = await log.waitFor((e) => e.kind === 'exited' && e.dockerId === app.dockerId);
    expect(exited).toMatchObject({ exitCode: 137, oomKilled: false });
    await runtime.removeTask(spec.task.taskId);
  });

  it('reports an app’s own exit code through the event stream', async () => {
    const { spec, app } = await startTask(['sh', '-c', 'sleep 0.2; exit 3']);
    const exited = await log.waitFor((e) => e.kind === 'exited' && e.dockerId === app.dockerId);
    expect(exited).toMatchObject({ kind: 'exited', taskId: spec.task.taskId, containerName: 'app', exitCode: 3, oomKilled: false });
    expect(await runtime.inspectContainer(app.dockerId)).toMatchObject({ running: false, exitCode: 3 });
    await runtime.removeTask(spec.task.taskId);
  });

  it('reports an OOM kill (memory 16 MiB) as oomKilled with exit 137', async () => {
    const { spec, app } = await startTask(['sh', '-c', 'head -c 200m /dev/zero | tail'], { memory: 16 });
    const exited = await log.waitFor((e) => e.kind === 'exited' && e.dockerId === app.dockerId);
    expect(exited).toMatchObject({ kind: 'exited', taskId: spec.task.taskId, exitCode: 137, oomKilled: true });
    expect(await runtime.inspectContainer(app.dockerId)).toMatchObject({ oomKilled: true, exitCode: 137 });
    await runtime.removeTask(spec.task.taskId);
  });

  it('reports the sandbox’s death as sandbox-exited', async () => {
    const { spec, sandbox } = await startTask(['sleep', '300']);
    await runtime.signalContainer(sandbox.pauseContainerId, 'SIGKILL');
    const event = await log.waitFor((e) => e.kind === 'sandbox-exited' && e.taskId === spec.task.taskId);
    expect(event).toMatchObject({ dockerId: sandbox.pauseContainerId, exitCode: 137 });
    await runtime.removeTask(spec.task.taskId);
  });

  it('the pause container exits 0 at once on SIGTERM', async () => {
    const spec = nextSandbox();
    const sandbox = await runtime.createSandbox(spec, limits);
    const started = Date.now();
    await runtime.stopContainer(sandbox.pauseContainerId, 10);
    // Before the 10 s timeout: the pause process handles SIGTERM itself.
    expect(Date.now() - started).toBeLessThan(10_000);
    expect(await runtime.inspectContainer(sandbox.pauseContainerId)).toMatchObject({ running: false, exitCode: 0 });
    await runtime.removeTask(spec.task.taskId);
  });
});

describe('health checks', () => {
  it('reports HEALTHY, then UNHEALTHY when the check starts failing', async () => {
    const { spec, app } = await startTask(['sh', '-c', 'touch /tmp/ok; sleep 4; rm /tmp/ok; sleep 300'], {
      healthCheck: { command: ['CMD-SHELL', 'test -f /tmp/ok'], intervalSeconds: 1, timeoutSeconds: 1, retries: 1, startPeriodSeconds: 0 },
    });
    const healthy = await log.waitFor((e) => e.kind === 'health' && e.dockerId === app.dockerId && e.health === 'HEALTHY');
    expect(healthy).toMatchObject({ taskId: spec.task.taskId, containerName: 'app' });
    await log.waitFor((e) => e.kind === 'health' && e.dockerId === app.dockerId && e.health === 'UNHEALTHY');
    expect(await runtime.inspectContainer(app.dockerId)).toMatchObject({ health: 'UNHEALTHY', running: true });
    await runtime.removeTask(spec.task.taskId);
  });
});

describe('failures leave nothing behind', () => {
  it('a failed pull gives CannotPullContainerError with Docker’s message', async () => {
    // A registry on a closed loopback port: the pull fails without any traffic leaving the host.
    const image = '127.0.0.1:1/fargate-local-test/nonexistent:latest';
    const err = await runtime.ensureImage(image, 'prefer-cached').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(RuntimeError);
    expect((err as RuntimeError).errorName).toBe('CannotPullContainerError');
    expect((err as RuntimeError).message).toMatch(
      /^CannotPullContainerError: Error response from daemon: Get "http:\/\/127\.0\.0\.1:1\/v2\/": .*connection refused$/,
    );
    await expect(docker.getImage(image).inspect()).rejects.toMatchObject({ statusCode: 404 });
    expect((await ownedObjects(instanceId)).containers).toEqual([]);
  });

  it('resolves a local image under prefer-cached without pulling, with its digest or id', async () => {
    const pulled = await runtime.ensureImage('fargate-local-test/busybox:latest', 'prefer-cached');
    expect(pulled.imageRef).toBe('fargate-local-test/busybox:latest');
    expect(pulled.imageDigest).toMatch(/^sha256:[0-9a-f]{64}$/);
  });

  it('resolves an ECR reference to a local repo:tag image', async () => {
    const pulled = await runtime.ensureImage('123456789012.dkr.ecr.us-east-1.amazonaws.com/fargate-local-test/busybox:latest', 'always');
    expect(pulled.imageRef).toBe('fargate-local-test/busybox:latest');
  });

  it('a failed start (bad entry point) gives CannotStartContainerError, leaves no Created container and no event', async () => {
    const spec = nextSandbox();
    const sandbox = await runtime.createSandbox(spec, limits);
    const err = await runtime
      .startContainer(spec.task, sandbox, appSpec('bad', ['x'], { entryPoint: ['/nonexistent'] }))
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(RuntimeError);
    expect((err as RuntimeError).errorName).toBe('CannotStartContainerError');
    expect((err as RuntimeError).detail).toMatch(/^Error response from daemon: .*\/nonexistent/);
    const left = (await ownedObjects(instanceId)).containers.filter((c) => c.Labels['fargate-local.task-id'] === spec.task.taskId);
    expect(left.map((c) => c.Labels['fargate-local.role'])).toEqual(['pause']);
    // A later event proves the queue has moved past anything the failed container produced.
    const ok = await runtime.startContainer(spec.task, sandbox, appSpec('ok', ['true']));
    await log.waitFor((e) => e.kind === 'exited' && e.dockerId === ok.dockerId);
    expect(log.events.filter((e) => e.kind === 'exited' && e.taskId === spec.task.taskId && e.containerName === 'bad')).toEqual([]);
    await runtime.removeTask(spec.task.taskId);
  });

  it('a sandbox whose IP is taken fails with ResourceInitializationError and leaves nothing', async () => {
    const first = nextSandbox();
    await runtime.createSandbox(first, limits);
    const clash = { ...nextSandbox(), ipv4Address: first.ipv4Address, scratchVolumes: ['data'] };
    const err = await runtime.createSandbox(clash, limits).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(RuntimeError);
    expect((err as RuntimeError).errorName).toBe('ResourceInitializationError');
    const left = await ownedObjects(instanceId);
    expect(left.containers.filter((c) => c.Labels['fargate-local.task-id'] === clash.task.taskId)).toEqual([]);
    expect(left.volumes.filter((v) => v.Labels?.['fargate-local.task-id'] === clash.task.taskId)).toEqual([]);
    await runtime.removeTask(first.task.taskId);
  });

  it('refuses an existing agent network that is not internal (no task starts without link-local isolation)', async () => {
    const x = 1 + Math.floor(Math.random() * 250);
    const agentNetwork = {
      name: `zz-${instanceId}-agent`,
      subnet: `10.251.${x}.0/24`,
      gateway: `10.251.${x}.1`,
      ipRange: `10.251.${x}.128/25`,
      enableIcc: false,
    };
    await docker.createNetwork({
      Name: agentNetwork.name,
      IPAM: { Config: [{ Subnet: agentNetwork.subnet, Gateway: agentNetwork.gateway }] },
      Labels: { 'fargate-local.instance': instanceId, 'fargate-local.role': 'agent-network' },
    });
    const strict = new DockerTaskRuntime({ docker, instanceId, logger: quietLogger, clock: systemClock, agentNetwork });
    const spec = nextSandbox();
    const err = await strict.createSandbox(spec, limits).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(RuntimeError);
    expect((err as RuntimeError).message).toMatch(
      /^ResourceInitializationError: network zz-.* exists but is not an internal, ICC-off agent network/,
    );
    expect((await ownedObjects(instanceId)).containers.filter((c) => c.Labels['fargate-local.task-id'] === spec.task.taskId)).toEqual([]);
    await strict.close();
    await docker.getNetwork(agentNetwork.name).remove();
  });

  it('removeTask removes the apps, the pause and the scratch volumes, and is idempotent', async () => {
    const spec = nextSandbox(newTask(), { scratchVolumes: ['data'] });
    const sandbox = await runtime.createSandbox(spec, limits);
    const writer = await runtime.startContainer(
      spec.task,
      sandbox,
      appSpec('writer', ['sh', '-c', 'echo hi > /data/x; sleep 300'], {
        mounts: [{ kind: 'scratch', source: 'data', containerPath: '/data', readOnly: false }],
      }),
    );
    await runtime.startContainer(
      spec.task,
      sandbox,
      appSpec('reader', ['sleep', '300'], { volumesFrom: [{ sourceContainer: 'writer', readOnly: true }] }),
    );
    await expect.poll(async () => (await exec(writer.dockerId, ['cat', '/data/x'])).stdout).toBe('hi\n');
    const mine = async () => {
      const o = await ownedObjects(instanceId);
      return {
        containers: o.containers.filter((c) => c.Labels['fargate-local.task-id'] === spec.task.taskId).length,
        volumes: o.volumes.filter((v) => v.Labels?.['fargate-local.task-id'] === spec.task.taskId).length,
      };
    };
    expect(await mine()).toEqual({ containers: 3, volumes: 1 });
    await runtime.removeTask(spec.task.taskId);
    expect(await mine()).toEqual({ containers: 0, volumes: 0 });
    await runtime.removeTask(spec.task.taskId);
  });
});

describe('volumes and ports', () => {
  it('an EFS volume outlives the task that wrote to it; the next task reads the data', async () => {
    const mount = { kind: 'efs' as const, source: 'fs-0123abcd', rootDirectory: '/shared', containerPath: '/mnt/efs', readOnly: false };
    const first = await startTask(['sh', '-c', 'echo persisted > /mnt/efs/f; sleep 300'], { mounts: [mount] });
    await expect.poll(async () => (await exec(first.app.dockerId, ['cat', '/mnt/efs/f'])).stdout).toBe('persisted\n');
    await runtime.removeTask(first.spec.task.taskId);
    const efs = (await ownedObjects(instanceId)).volumes.filter((v) => v.Labels?.['fargate-local.role'] === 'efs-volume');
    expect(efs.map((v) => v.Labels?.['fargate-local.efs-file-system-id'])).toEqual(['fs-0123abcd']);
    const second = await startTask(['sleep', '300'], { mounts: [{ ...mount, readOnly: true }] });
    expect((await exec(second.app.dockerId, ['cat', '/mnt/efs/f'])).stdout).toBe('persisted\n');
    expect((await exec(second.app.dockerId, ['sh', '-c', 'echo x > /mnt/efs/g'])).exitCode).not.toBe(0);
    await runtime.removeTask(second.spec.task.taskId);
  });

  it('on a public (non-internal) subnet: ENI on eth0 with the default route, and a port published on the host', async () => {
    // Docker publishes no ports from internal networks, so this task sits on a subnet with a route out.
    const publicSubnet = await freeTestSubnet();
    const spec = sandboxSpecs({ ...publicSubnet, internal: false })();
    const hostPort = 20_000 + Math.floor(Math.random() * 20_000);
    spec.publishedPorts = [{ containerPort: 8080, hostPort, protocol: 'tcp', hostIp: '127.0.0.1' }];
    const sandbox = await runtime.createSandbox(spec, limits);
    const web = await runtime.startContainer(
      spec.task,
      sandbox,
      appSpec('web', ['sh', '-c', 'echo published > /www/index.html; httpd -f -p 8080 -h /www']),
    );
    const routes = (await exec(web.dockerId, ['ip', '-4', 'route'])).stdout.split('\n').map((r) => r.trim());
    expect(routes.filter((r) => r.startsWith('default'))).toEqual([`default via ${publicSubnet.gateway} dev eth0`]);
    await expect
      .poll(
        async () =>
          await fetch(`http://127.0.0.1:${hostPort}/`)
            .then((r) => r.text())
            .catch(() => ''),
        { timeout: 15_000 },
      )
      .toBe('published\n');
    await runtime.removeTask(spec.task.taskId);
    await docker.getNetwork(vpcNetworkDockerName(instanceId, publicSubnet.vpcId)).remove();
  });
});

describe('adoption and networking', () => {
  it('a new runtime instance finds the live containers of the previous one (listOwned)', async () => {
    const { spec, sandbox, app } = await startTask(['sleep', '300']);
    const again = new DockerTaskRuntime({ docker, instanceId, logger: quietLogger, clock: systemClock });
    const owned = (await again.listOwned()).filter((o) => o.taskId === spec.task.taskId);
    expect(owned).toHaveLength(2);
    expect(owned.find((o) => o.containerName === null)).toMatchObject({ dockerId: sandbox.pauseContainerId, state: { running: true } });
    expect(owned.find((o) => o.containerName === 'app')).toMatchObject({
      dockerId: app.dockerId,
      state: { running: true, exitCode: null },
    });
    // Another instance id sees none of them.
    const other = new DockerTaskRuntime({ docker, instanceId: `${instanceId}-other`, logger: quietLogger, clock: systemClock });
    expect(await other.listOwned()).toEqual([]);
    await again.close();
    await other.close();
    await runtime.removeTask(spec.task.taskId);
  });

  it('launches four sandboxes at once on a subnet network that does not exist yet', async () => {
    const fresh = await freeTestSubnet();
    const next = sandboxSpecs(fresh);
    const specs = Array.from({ length: 4 }, () => next());
    const handles = await Promise.all(specs.map((s) => runtime.createSandbox(s, limits)));
    expect(new Set(handles.map((h) => h.agentIpv4Address)).size).toBe(4);
    const nets = (await ownedObjects(instanceId)).networks.filter((n) => n.Name === vpcNetworkDockerName(instanceId, fresh.vpcId));
    expect(nets).toHaveLength(1);
    await Promise.all(specs.map((s) => runtime.removeTask(s.task.taskId)));
    await docker.getNetwork(vpcNetworkDockerName(instanceId, fresh.vpcId)).remove();
  });

  it('two tasks on one subnet reach each other by IP', async () => {
    const server = await startTask(['sh', '-c', 'echo hello-from-task > /www/index.html; httpd -f -p 8080 -h /www']);
    const client = await startTask(['sleep', '300']);
    const url = `http://${server.spec.ipv4Address}:8080/`;
    await expect
      .poll(async () => (await exec(client.app.dockerId, ['timeout', '5', 'wget', '-qO-', url])).stdout, { timeout: 15_000 })
      .toBe('hello-from-task\n');
    await runtime.removeTask(server.spec.task.taskId);
    await runtime.removeTask(client.spec.task.taskId);
  });

  it('link-local traffic stays on the agent network: IMDS (169.254.169.254) is not reachable', async () => {
    const { spec, app } = await startTask(['sleep', '300']);
    const route = await exec(app.dockerId, ['ip', 'route', 'get', '169.254.169.254']);
    expect(route.stdout).toMatch(/dev eth1/);
    const probe = await exec(app.dockerId, ['timeout', '5', 'wget', '-qO-', 'http://169.254.169.254/latest/meta-data/']);
    expect(probe.exitCode).not.toBe(0);
    expect(probe.stdout).toBe('');
    await runtime.removeTask(spec.task.taskId);
  });
});
