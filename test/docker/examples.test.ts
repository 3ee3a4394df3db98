// The examples, run as documented against an emulator on real Docker: the Spot interruption one,
// examples/spot-interruption/spot-interruption.mjs (importing 'fargate-local/client' as a user would, from dist/,
// built by the docker project's global setup) and the `fargate-local spot interrupt` command; and the two-service
// app of examples/two-service-app (the AWS CLI only; names inside tasks through the task resolver at 169.254.170.2).
import { execFile, spawn } from 'node:child_process';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import {
  CreateClusterCommand,
  CreateServiceCommand,
  DescribeClustersCommand,
  DescribeTasksCommand,
  ListClustersCommand,
  waitUntilServicesStable,
  waitUntilTasksStopped,
} from '@aws-sdk/client-ecs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findAwsCli } from '../support/aws-cli.js';
import { cleanEnv, ROOT, runCli } from '../support/cli-process.js';
import { eventually, runningTasksOf } from '../support/services.js';
import { BUSYBOX_IMAGE } from './images.js';
import {
  AWSVPC,
  DEFAULT_SUBNET,
  dockerContainerOf,
  DRAINING_APP,
  registerBusybox,
  startDockerEmulator,
  untilTermHandled,
  type DockerEmulator,
} from './support/docker-emulator.js';
import { LABEL_CLUSTER_ARN, labelFilter } from '../../src/runtime/labels.js';
import { docker } from './support/docker-harness.js';

const EXAMPLE = path.join(ROOT, 'examples', 'spot-interruption', 'spot-interruption.mjs');

let d: DockerEmulator;
beforeAll(async () => {
  d = await startDockerEmulator('examples', { spotGraceMs: 5000, taskAgent: { metadataEndpoint: true } });
});
afterAll(() => d?.close());

function runExample(env: Record<string, string>, timeoutMs = 90_000): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [EXAMPLE], { cwd: ROOT, env: cleanEnv(env), stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c) => (stdout += c));
    child.stderr.on('data', (c) => (stderr += c));
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`the example did not finish within ${timeoutMs} ms:\n${stdout}${stderr}`));
    }, timeoutMs);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}

describe('examples/spot-interruption', () => {
  it('creates a Spot service, interrupts a task, waits for the replacement and says what happened', async () => {
    const { code, stdout, stderr } = await runExample({
      FARGATE_LOCAL_ENDPOINT: d.emu.endpoint,
      SUBNETS: DEFAULT_SUBNET,
      IMAGE: BUSYBOX_IMAGE,
    });
    expect(stderr).not.toMatch(/Error/);
    expect(code).toBe(0);
    const lines = stdout
      .trim()
      .split('\n')
      .map((l) => l.replace(/^\[\s*[\d.]+ s\] /, ''));
    expect(lines).toHaveLength(5);
    expect(lines[0]).toMatch(/^service web is steady: [0-9a-f]{32} on FARGATE_SPOT, [0-9a-f]{32} on FARGATE_SPOT$/);
    expect(lines[1]).toMatch(/^interrupting [0-9a-f]{32}$/);
    expect(lines[2]).toBe(
      'warning event: ECS Task State Change, lastStatus RUNNING, desiredStatus STOPPED, "Your Spot Task was interrupted."',
    );
    expect(lines[3]).toMatch(/^[0-9a-f]{32} STOPPED: stopCode SpotInterruption, "Your Spot Task was interrupted.", app exit code 0$/);
    expect(lines[4]).toMatch(/^replacement [0-9a-f]{32} is RUNNING on FARGATE_SPOT; the service runs 2 of 2 again$/);
    // It cleans up after itself: its cluster is deleted (INACTIVE), its containers are gone.
    const { clusterArns } = await d.ecs.send(new ListClustersCommand({}));
    const demo = clusterArns!.filter((a) => a.includes('/spot-demo-'));
    expect(demo).toHaveLength(1);
    expect((await d.ecs.send(new DescribeClustersCommand({ clusters: demo }))).clusters!.map((c) => c.status)).toEqual(['INACTIVE']);
    expect(await docker.listContainers({ all: true, filters: { label: [`fargate-local.instance=${d.instanceId}`] } })).toEqual([]);
  });

  it('type-checks against the types the package exports for fargate-local/client', async () => {
    const tsc = path.join(ROOT, 'node_modules', '.bin', 'tsc');
    const args = [
      '--ignoreConfig',
      '--noEmit',
      '--allowJs',
      '--checkJs',
      '--strict',
      '--module',
      'nodenext',
      '--moduleResolution',
      'nodenext',
    ];
    const out = await promisify(execFile)(tsc, [...args, '--target', 'es2022', '--skipLibCheck', '--types', 'node', EXAMPLE], {
      cwd: ROOT,
    }).catch((e) => e);
    expect(`${out.stdout}${out.stderr}`).toBe('');
  });

  it('says what it needs when SUBNETS is not set', async () => {
    const { code, stderr } = await runExample({ FARGATE_LOCAL_ENDPOINT: d.emu.endpoint });
    expect([code, stderr.trim()]).toEqual([2, 'Set SUBNETS to the subnet ids to run the tasks in (comma-separated).']);
  });
});

describe('fargate-local spot interrupt (the CLI equivalent)', () => {
  it('interrupts one task, then half of a service; the service replaces them on Spot', async () => {
    const cluster = 'spot-cli';
    await d.ecs.send(new CreateClusterCommand({ clusterName: cluster, capacityProviders: ['FARGATE_SPOT'] }));
    const taskDefinition = await registerBusybox(d.ecs, 'spot-cli', DRAINING_APP);
    await d.ecs.send(
      new CreateServiceCommand({
        cluster,
        serviceName: 'web',
        taskDefinition,
        desiredCount: 2,
        capacityProviderStrategy: [{ capacityProvider: 'FARGATE_SPOT', weight: 1 }],
        networkConfiguration: AWSVPC,
      }),
    );
    const waiter = { client: d.ecs, maxWaitTime: 60, minDelay: 1, maxDelay: 1 };
    await waitUntilServicesStable(waiter, { cluster, services: ['web'] });
    const [first] = await runningTasksOf(d.ecs, cluster, 'web');
    const taskId = first!.taskArn!.split('/').pop()!;
    await untilTermHandled((await dockerContainerOf(first!.taskArn!)).id, 'caught');

    const one = await runCli(['spot', 'interrupt', '--endpoint', d.emu.endpoint, '--cluster', cluster, '--task', taskId]);
    expect([one.code, JSON.parse(one.stdout)]).toEqual([0, { interrupted: [first!.taskArn] }]);
    await waitUntilTasksStopped(waiter, { cluster, tasks: [first!.taskArn!] });
    const stopped = (await d.ecs.send(new DescribeTasksCommand({ cluster, tasks: [first!.taskArn!] }))).tasks![0]!;
    expect([stopped.stopCode, stopped.stoppedReason, stopped.containers![0]!.exitCode]).toEqual([
      'SpotInterruption',
      'Your Spot Task was interrupted.',
      0,
    ]);
    await waitUntilServicesStable(waiter, { cluster, services: ['web'] });

    const half = await runCli([
      'spot',
      'interrupt',
      '--endpoint',
      d.emu.endpoint,
      '--cluster',
      cluster,
      '--service',
      'web',
      '--percent',
      '50',
    ]);
    expect(half.code).toBe(0);
    const { interrupted } = JSON.parse(half.stdout) as { interrupted: string[] };
    expect(interrupted).toHaveLength(1);
    await waitUntilTasksStopped(waiter, { cluster, tasks: interrupted });
    await waitUntilServicesStable(waiter, { cluster, services: ['web'] });
    const now = await runningTasksOf(d.ecs, cluster, 'web');
    expect(now.map((t) => [t.lastStatus, t.capacityProviderName])).toEqual([
      ['RUNNING', 'FARGATE_SPOT'],
      ['RUNNING', 'FARGATE_SPOT'],
    ]);
    expect(now.map((t) => t.taskArn)).not.toContain(interrupted[0]);
  });
});

const TWO_SERVICE_APP = path.join(ROOT, 'examples', 'two-service-app', 'app.sh');

/** A free TCP port on loopback (for the example's listener). */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
    server.on('error', reject);
  });
}

function runScript(args: string[], env: Record<string, string>): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn('sh', [TWO_SERVICE_APP, ...args], { cwd: ROOT, env: cleanEnv(env), stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c) => (stdout += c));
    child.stderr.on('data', (c) => (stderr += c));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

describe('examples/two-service-app', () => {
  it('comes up with the AWS CLI; the front end answers through the load balancer with the back end reached by its Cloud Map name and by its Service Connect alias; down removes it', {
    timeout: 300_000,
  }, async () => {
    const app = `shop${d.instanceId.slice(-6)}`;
    const env = {
      FARGATE_LOCAL_ENDPOINT: d.emu.endpoint,
      IMAGE: BUSYBOX_IMAGE,
      APP: app,
      NAMESPACE: `${app}.internal`,
      LISTENER_PORT: String(await freePort()),
      AWS: findAwsCli(),
      HOME: os.tmpdir(),
      AWS_CONFIG_FILE: '/dev/null',
      AWS_SHARED_CREDENTIALS_FILE: '/dev/null',
    };
    const up = await runScript(['up'], env);
    expect([up.code, up.stderr]).toEqual([0, '']);
    const url = up.stdout.trim();
    expect(url).toMatch(new RegExp(`^http://${app}-[0-9a-z]+\\.us-east-1\\.elb\\.localhost:${env.LISTENER_PORT}/$`));

    // The listener answers where the emulator serves it (GET /_fargate-local/load-balancers).
    const [served] = (await d.control.loadBalancers()).filter((l) => l.port === Number(env.LISTENER_PORT));
    const apiHosts = new Set<string>();
    await eventually(
      async () => {
        const page = await (await fetch(`http://${served!.address}:${served!.hostPort}/`)).text();
        const cloudMap = new RegExp(`^Cloud Map api\\.${app}\\.internal: api (\\S+)$`, 'm').exec(page);
        const serviceConnect = /^Service Connect api: api (\S+)$/m.exec(page);
        expect(page, page).toMatch(/^web \S+$/m);
        expect(cloudMap, page).not.toBeNull();
        expect(serviceConnect, page).not.toBeNull();
        apiHosts.add(cloudMap![1]!).add(serviceConnect![1]!);
        return apiHosts.size === 2;
      },
      60_000,
      'pages naming both back-end tasks',
    );

    const down = await runScript(['down'], env);
    expect([down.code, down.stderr]).toEqual([0, '']);
    const clusterArn = `arn:aws:ecs:us-east-1:000000000000:cluster/${app}`;
    const { clusters } = await d.ecs.send(new DescribeClustersCommand({ clusters: [app] }));
    expect(clusters!.map((c) => c.status)).toEqual(['INACTIVE']);
    expect(await d.control.loadBalancers()).toEqual([]);
    expect(await docker.listContainers({ all: true, filters: labelFilter({ [LABEL_CLUSTER_ARN]: clusterArn }) })).toEqual([]);
  });
});
