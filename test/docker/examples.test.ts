// The documented ways to test for Spot interruptions, run as documented against an emulator on real Docker:
// examples/spot-interruption/spot-interruption.mjs (importing 'fargate-local/client' as a user would, from dist/,
// built by the docker project's global setup) and the `fargate-local spot interrupt` command.
import { execFile, spawn } from 'node:child_process';
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
import { cleanEnv, ROOT, runCli } from '../support/cli-process.js';
import { runningTasksOf } from '../support/services.js';
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
import { docker } from './support/docker-harness.js';

const EXAMPLE = path.join(ROOT, 'examples', 'spot-interruption', 'spot-interruption.mjs');

let d: DockerEmulator;
beforeAll(async () => {
  d = await startDockerEmulator('examples', { spotGraceMs: 5000 });
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
