// A whole emulator on the real engine for one test file: its own instance id, a VPC and subnet of its own (a free
// 10.250.x.0/24, seeded into the store so no other test's default-VPC network can overlap), and helpers to run tasks
// and look into their containers.
import {
  DescribeTasksCommand,
  RegisterTaskDefinitionCommand,
  RunTaskCommand,
  StopTaskCommand,
  waitUntilTasksRunning,
  waitUntilTasksStopped,
  type ContainerDefinition,
  type RegisterTaskDefinitionCommandInput,
  type RunTaskCommandInput,
  type Task,
} from '@aws-sdk/client-ecs';
import { testConfig } from '../../../src/config.js';
import { systemClock } from '../../../src/domain/ports.js';
import type { NetworkState } from '../../../src/domain/network/network-state.js';
import type { TaskRecord } from '../../../src/domain/task.js';
import { DockerTaskRuntime } from '../../../src/runtime/docker-task-runtime.js';
import { startTestEmulator, type TestEmulator } from '../../support/emulator.js';
import { docker, exec, freeTestSubnet, quietLogger, sweep } from './docker-harness.js';

export const SCOPE = { accountId: '000000000000', region: 'us-east-1' };

/** Puts a VPC with one subnet over `cidr` (a free test /24) into a region's state; returns the subnet id. */
export function seedTestVpc(region: NetworkState, instanceId: string, cidr: string): string {
  const suffix = instanceId.slice(-8);
  const vpcId = `vpc-${suffix}`;
  const subnetId = `subnet-${suffix}`;
  const now = Date.now();
  region.vpcs[vpcId] = {
    vpcId,
    cidrBlock: cidr,
    cidrBlockAssociationId: `vpc-cidr-assoc-${suffix}`,
    dhcpOptionsId: 'dopt-test',
    instanceTenancy: 'default',
    isDefault: false,
    state: 'available',
    tags: [],
    createdAt: now,
  };
  region.subnets[subnetId] = {
    subnetId,
    vpcId,
    cidrBlock: cidr,
    availabilityZone: 'us-east-1a',
    availabilityZoneId: 'use1-az1',
    tags: [],
    defaultForAz: false,
    mapPublicIpOnLaunch: false,
    state: 'available',
    createdAt: now,
  };
  return subnetId;
}

export interface DockerEmulator {
  emu: TestEmulator;
  runtime: DockerTaskRuntime;
  instanceId: string;
  subnetId: string;
  cidr: string;
  close(): Promise<void>;
}

export async function startEmulatorOnDocker(
  instanceId: string,
  overrides: NonNullable<Parameters<typeof testConfig>[0]> = {},
  runtimeOptions: Partial<ConstructorParameters<typeof DockerTaskRuntime>[0]> = {},
): Promise<DockerEmulator> {
  const subnet = await freeTestSubnet();
  const runtime = new DockerTaskRuntime({ docker, instanceId, logger: quietLogger, clock: systemClock, ...runtimeOptions });
  await runtime.eventsReady();
  const emu = await startTestEmulator({ instanceId, ...overrides, taskAgent: testConfig(overrides).taskAgent }, { runtime });
  const subnetId = emu.deps.store.update(SCOPE, (s) => seedTestVpc(s, instanceId, subnet.cidr));
  return {
    emu,
    runtime,
    instanceId,
    subnetId,
    cidr: subnet.cidr,
    async close() {
      await emu.close();
      await sweep(instanceId);
    },
  };
}

let families = 0;

/** Registers a Fargate task definition (256/512, awsvpc) and returns its family. */
export async function registerTaskDefinition(
  d: DockerEmulator,
  containerDefinitions: ContainerDefinition[],
  extra: Partial<RegisterTaskDefinitionCommandInput> = {},
): Promise<string> {
  families += 1;
  const family = `${d.instanceId}-${families}`;
  await d.emu.ecs.send(
    new RegisterTaskDefinitionCommand({
      family,
      requiresCompatibilities: ['FARGATE'],
      networkMode: 'awsvpc',
      cpu: '256',
      memory: '512',
      containerDefinitions,
      ...extra,
    }),
  );
  return family;
}

export async function runTask(d: DockerEmulator, family: string, extra: Partial<RunTaskCommandInput> = {}): Promise<Task> {
  const { tasks, failures } = await d.emu.ecs.send(
    new RunTaskCommand({
      taskDefinition: family,
      launchType: 'FARGATE',
      networkConfiguration: { awsvpcConfiguration: { subnets: [d.subnetId] } },
      ...extra,
    }),
  );
  if (failures?.length || !tasks?.[0]) throw new Error(`RunTask failed: ${JSON.stringify(failures)}`);
  return tasks[0];
}

export async function runTaskUntilRunning(d: DockerEmulator, family: string, extra: Partial<RunTaskCommandInput> = {}): Promise<Task> {
  const task = await runTask(d, family, extra);
  await waitUntilTasksRunning(
    { client: d.emu.ecs, maxWaitTime: 60, minDelay: 1, maxDelay: 1 },
    { cluster: task.clusterArn, tasks: [task.taskArn!] },
  );
  return describe(d, task);
}

export async function describe(d: DockerEmulator, task: Task): Promise<Task> {
  const out = await d.emu.ecs.send(new DescribeTasksCommand({ cluster: task.clusterArn, tasks: [task.taskArn!] }));
  return out.tasks![0]!;
}

export async function stopTask(d: DockerEmulator, task: Task): Promise<Task> {
  await d.emu.ecs.send(new StopTaskCommand({ cluster: task.clusterArn, task: task.taskArn! }));
  await waitUntilTasksStopped(
    { client: d.emu.ecs, maxWaitTime: 60, minDelay: 1, maxDelay: 1 },
    { cluster: task.clusterArn, tasks: [task.taskArn!] },
  );
  return describe(d, task);
}

export async function waitStopped(d: DockerEmulator, task: Task): Promise<Task> {
  await waitUntilTasksStopped(
    { client: d.emu.ecs, maxWaitTime: 60, minDelay: 1, maxDelay: 1 },
    { cluster: task.clusterArn, tasks: [task.taskArn!] },
  );
  return describe(d, task);
}

/** The stored record of a task (endpoint ids, Docker ids, agent address). */
export function taskRecord(d: DockerEmulator, task: Task): TaskRecord {
  const id = task.taskArn!.split('/').pop()!;
  const record = d.emu.deps.store.read(SCOPE, (s) => s.tasks[id]);
  if (!record) throw new Error(`no task ${id}`);
  return record;
}

export function dockerIdOf(d: DockerEmulator, task: Task, container: string): string {
  const id = taskRecord(d, task).containers.find((c) => c.name === container)?.dockerId;
  if (!id) throw new Error(`container ${container} of ${task.taskArn} has no Docker id`);
  return id;
}

/** The container's environment, as its processes see it. */
export async function containerEnv(dockerId: string): Promise<Record<string, string>> {
  const { stdout } = await exec(dockerId, ['env']);
  return Object.fromEntries(
    stdout
      .split('\n')
      .filter((l) => l.includes('='))
      .map((l) => [l.slice(0, l.indexOf('=')), l.slice(l.indexOf('=') + 1)]),
  );
}

/** Runs a command in a container with extra environment variables; stdout, stderr and exit code. */
export function execWithEnv(
  dockerId: string,
  cmd: string[],
  env: Record<string, string>,
): Promise<{ exitCode: number; stdout: string; stderr: string }> {
  return exec(dockerId, cmd, env);
}

const HTTP_CLIENT = [
  'const u = new URL(process.env.URL);',
  "const r = require('http').request(u, { method: process.env.METHOD }, (res) => {",
  "  let b = ''; res.setEncoding('utf8'); res.on('data', (c) => (b += c));",
  "  res.on('end', () => process.stdout.write(JSON.stringify({ status: res.statusCode, contentType: res.headers['content-type'], body: b })));",
  '});',
  "r.on('error', (e) => process.stdout.write(JSON.stringify({ status: 0, body: String(e) })));",
  'if (process.env.BODY !== undefined) r.write(process.env.BODY);',
  'r.end();',
].join('\n');

/**
 * An HTTP request from inside a container of the Node test image (status and body as sent, errors included; busybox
 * wget shows neither for an error status).
 */
export async function httpRequest(dockerId: string, url: string, method = 'GET', body?: string): Promise<{ status: number; body: string }> {
  const env: Record<string, string> = { URL: url, METHOD: method, ...(body !== undefined ? { BODY: body } : {}) };
  const r = await execWithEnv(dockerId, ['node', '-e', HTTP_CLIENT], env);
  if (!r.stdout) throw new Error(`no answer from ${url}: ${r.stderr}`);
  const { status, body: text } = JSON.parse(r.stdout) as { status: number; body: string };
  return { status, body: text };
}

export const httpGet = (dockerId: string, url: string) => httpRequest(dockerId, url);

/** An HTTP GET with busybox wget (any task image of ours): the body of a 200 answer, else an error. */
export async function wgetJson<T = Record<string, unknown>>(dockerId: string, url: string): Promise<T> {
  const r = await exec(dockerId, ['sh', '-c', `timeout 10 wget -q -O - '${url}'`]);
  if (r.exitCode !== 0) throw new Error(`wget ${url} failed (${r.exitCode}): ${r.stderr}`);
  return JSON.parse(r.stdout) as T;
}

/** JSON from an HTTP GET inside a container; fails the test on a non-200 answer. */
export async function getJson<T = Record<string, unknown>>(dockerId: string, url: string): Promise<T> {
  const r = await httpGet(dockerId, url);
  if (r.status !== 200) throw new Error(`GET ${url} -> ${r.status} ${r.body}`);
  return JSON.parse(r.body) as T;
}
