// The metadata endpoint's app, served on loopback for the test, in front of an emulator whose tasks run on the
// in-memory runtime. A task is made to "live" at 127.0.0.1 (its agent-network address is set to it), so requests
// from this process count as coming from that task, and from no other.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { RunTaskCommand, StopTaskCommand, waitUntilTasksRunning, waitUntilTasksStopped, type Task } from '@aws-sdk/client-ecs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testConfig } from '../../src/config.js';
import { defaultVpc } from '../../src/domain/network/vpc.js';
import type { TaskRecord } from '../../src/domain/task.js';
import { startTestEmulator, uniqueName, type TestEmulator } from '../support/emulator.js';
import { storeTaskDefinition } from '../support/task-definitions.js';

const scope = { accountId: '000000000000', region: 'us-east-1' };
const subnet = defaultVpc(scope, 0).subnets[0]!.subnetId;
const ROLE = 'arn:aws:iam::000000000000:role/task';

let emu: TestEmulator;
let server: http.Server;
let base: string;
let withRole: string;
let withoutRole: string;

beforeAll(async () => {
  emu = await startTestEmulator();
  withRole = uniqueName('meta');
  withoutRole = uniqueName('norole');
  storeTaskDefinition(
    emu.deps.store,
    scope,
    withRole,
    [
      {
        name: 'app',
        image: 'busybox',
        dockerLabels: { team: 'a' },
        logConfiguration: {
          logDriver: 'awslogs',
          options: {
            'awslogs-group': '/ecs/x',
            'awslogs-region': 'us-east-1',
            'awslogs-stream-prefix': 'ecs',
            'awslogs-create-group': 'true',
          },
        },
      },
    ],
    {
      taskRoleArn: ROLE,
    },
  );
  storeTaskDefinition(emu.deps.store, scope, withoutRole, [{ name: 'app', image: 'busybox' }]);
  server = http.createServer(emu.taskAgent.app);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
  await emu.close();
});

async function run(family: string, group?: string): Promise<Task> {
  const { tasks } = await emu.ecs.send(
    new RunTaskCommand({
      taskDefinition: family,
      launchType: 'FARGATE',
      networkConfiguration: { awsvpcConfiguration: { subnets: [subnet] } },
      ...(group ? { group } : {}),
    }),
  );
  const task = tasks![0]!;
  await waitUntilTasksRunning(
    { client: emu.ecs, maxWaitTime: 20, minDelay: 1, maxDelay: 1 },
    { cluster: task.clusterArn, tasks: [task.taskArn!] },
  );
  return task;
}

const idOf = (t: Task) => t.taskArn!.split('/').pop()!;
const record = (t: Task): TaskRecord => emu.deps.store.read(scope, (s) => s.tasks[idOf(t)]!);

/** Makes the task's agent-network address this process's own. */
function liveHere(t: Task): TaskRecord {
  emu.deps.store.update(scope, (s) => {
    s.tasks[idOf(t)]!.sandbox!.agentIpv4Address = '127.0.0.1';
  });
  return record(t);
}

async function get(path: string, init: RequestInit = {}) {
  const res = await fetch(`${base}${path}`, init);
  return { status: res.status, type: res.headers.get('content-type'), text: await res.text() };
}

describe('metadata v4 and v3', () => {
  let task: Task;
  let id: string;
  beforeAll(async () => {
    task = await run(withRole);
    id = liveHere(task).endpoints!.containers.app!;
  });

  it('container metadata: the agent’s fields, labels sorted, awslogs stream in place of the prefix', async () => {
    const r = await get(`/v4/${id}`);
    expect(r.status).toBe(200);
    expect(r.type).toMatch(/^application\/json/);
    const m = JSON.parse(r.text) as Record<string, unknown>;
    const rec = record(task);
    expect(m).toMatchObject({
      DockerId: rec.containers[0]!.runtimeId,
      Name: 'app',
      KnownStatus: 'RUNNING',
      LogDriver: 'awslogs',
      LogOptions: { 'awslogs-group': '/ecs/x', 'awslogs-region': 'us-east-1', 'awslogs-stream': `ecs/app/${rec.taskId}` },
      Limits: { CPU: 0 },
    });
    expect(Object.keys(m.Labels as object)).toEqual([
      'com.amazonaws.ecs.cluster',
      'com.amazonaws.ecs.container-name',
      'com.amazonaws.ecs.task-arn',
      'com.amazonaws.ecs.task-definition-family',
      'com.amazonaws.ecs.task-definition-version',
      'team',
    ]);
    expect(Object.keys(m)).toEqual([
      'DockerId',
      'Name',
      'DockerName',
      'Image',
      'ImageID',
      'Labels',
      'DesiredStatus',
      'KnownStatus',
      'Limits',
      'CreatedAt',
      'StartedAt',
      'Type',
      'LogDriver',
      'LogOptions',
      'ContainerARN',
      'Networks',
      'Snapshotter',
    ]);
    const network = (m.Networks as Record<string, unknown>[])[0]!;
    expect(network).toMatchObject({
      NetworkMode: 'awsvpc',
      IPv4SubnetCIDRBlock: '172.31.0.0/20',
      DomainNameServers: ['172.31.0.2'],
      SubnetGatewayIpv4Address: '172.31.0.1/20',
    });
  });

  it('task metadata and stats, keyed by DockerId', async () => {
    const t = JSON.parse((await get(`/v4/${id}/task`)).text) as Record<string, unknown>;
    expect(t).toMatchObject({ TaskARN: task.taskArn, KnownStatus: 'RUNNING', EphemeralStorageMetrics: { Utilized: 3, Reserved: 20496 } });
    const stats = JSON.parse((await get(`/v4/${id}/task/stats`)).text) as Record<string, Record<string, unknown>>;
    expect(Object.keys(stats)).toEqual([record(task).containers[0]!.runtimeId]);
    expect(Object.values(stats)[0]).toMatchObject({
      memory_stats: { usage: 4096 },
      network_rate_stats: { rx_bytes_per_sec: 0, tx_bytes_per_sec: 0 },
    });
    const v3 = JSON.parse((await get(`/v3/${id}/stats`)).text) as Record<string, unknown>;
    expect(v3).not.toHaveProperty('network_rate_stats');
  });

  it('another task’s id, asked from here, is an unknown id', async () => {
    const other = await run(withRole);
    const otherId = record(other).endpoints!.containers.app!;
    expect(await get(`/v4/${otherId}`)).toMatchObject({
      status: 404,
      text: JSON.stringify(
        `V4 container metadata handler: unable to get container ID from request: unable to get docker ID from v3 endpoint ID: ${otherId}`,
      ),
    });
    expect((await get(`/v3/${otherId}`)).status).toBe(500);
    expect((await get(`/v3/${otherId}/stats`)).status).toBe(400);
    expect((await get(`/v2/credentials/${record(other).endpoints!.credentialsId}`)).status).toBe(400);
  });

  it('unknown paths get the agent router’s plain 404', async () => {
    expect(await get('/v5/x')).toEqual({ status: 404, type: expect.stringMatching(/^text\/plain/), text: '404 page not found\n' });
  });
});

describe('credentials', () => {
  it('are served (v2 and v1) to the task while it runs, and refused once it has stopped, even from its own address', async () => {
    const task = await run(withRole);
    const credentialsId = liveHere(task).endpoints!.credentialsId!;
    const v2 = await get(`/v2/credentials/${credentialsId}`);
    expect(v2.status).toBe(200);
    const c = JSON.parse(v2.text) as Record<string, string>;
    expect(c).toMatchObject({ RoleArn: ROLE, AccessKeyId: expect.stringMatching(/^ASIA/) });
    const v1 = JSON.parse((await get(`/v1/credentials?id=${credentialsId}`)).text) as Record<string, string>;
    expect(v1.AccessKeyId).toBe(c.AccessKeyId);
    expect(JSON.parse((await get('/v1/credentials')).text)).toEqual({
      code: 'NoIdInRequest',
      message: 'CredentialsV1Request: No Credential ID in the request',
      HTTPErrorCode: 400,
    });

    await emu.ecs.send(new StopTaskCommand({ task: task.taskArn! }));
    await waitUntilTasksStopped({ client: emu.ecs, maxWaitTime: 20, minDelay: 1, maxDelay: 1 }, { tasks: [task.taskArn!] });
    expect(record(task).sandbox!.agentIpv4Address).toBe('127.0.0.1');
    expect(await get(`/v2/credentials/${credentialsId}`)).toMatchObject({
      status: 400,
      text: JSON.stringify({ code: 'InvalidIdInRequest', message: 'CredentialsV2Request: Credentials not found', HTTPErrorCode: 400 }),
    });
    expect(emu.taskAgent.vault.holds(credentialsId)).toBe(false);
    expect((await get(`/v4/${record(task).endpoints!.containers.app}`)).status).toBe(404);
  });

  it('a task without a task role has no credentials id and no credentials', async () => {
    const task = await run(withoutRole);
    expect(liveHere(task).endpoints!.credentialsId).toBeUndefined();
  });
});

describe('task protection endpoint', () => {
  it('refuses a task without a task role (403), a bad body (400), a missing field (400), other methods (405)', async () => {
    const task = await run(withoutRole, 'service:svc');
    const id = liveHere(task).endpoints!.containers.app!;
    const url = `/api/${id}/task-protection/v1/state`;
    expect(await get(url)).toMatchObject({
      status: 403,
      text: JSON.stringify({
        error: {
          Arn: task.taskArn,
          Code: 'AccessDeniedException',
          Message: 'Invalid Request: no task IAM role credentials available for task',
        },
      }),
    });
    expect(await get(url, { method: 'PUT', body: '{"ProtectionEnabled":"yes"}' })).toMatchObject({
      status: 400,
      text: JSON.stringify({ error: { Code: 'InvalidParameterException', Message: 'UpdateTaskProtection: failed to decode request' } }),
    });
    expect(await get(url, { method: 'PUT', body: '{"Unknown":1}' })).toMatchObject({ status: 400 });
    expect(await get(url, { method: 'PUT', body: '{"ExpiresInMinutes":5}' })).toMatchObject({
      status: 400,
      text: JSON.stringify({
        error: {
          Arn: task.taskArn,
          Code: 'InvalidParameterException',
          Message: "Invalid request: does not contain 'ProtectionEnabled' field",
        },
      }),
    });
    expect((await get(url, { method: 'POST', body: '{}' })).status).toBe(405);
    expect(await get(`/api/nope/task-protection/v1/state`)).toMatchObject({
      status: 404,
      text: JSON.stringify({ error: { Code: 'ResourceNotFoundException', Message: 'Failed to find a task for the request' } }),
    });
  });

  it('protects a service task (field names in any case), unprotects it, and GET shows ExpirationDate null when off', async () => {
    const task = await run(withRole, 'service:svc');
    const id = liveHere(task).endpoints!.containers.app!;
    const url = `/api/${id}/task-protection/v1/state`;
    const on = JSON.parse((await get(url, { method: 'PUT', body: '{"protectionEnabled":true,"expiresInMinutes":1}' })).text) as {
      protection: Record<string, unknown>;
    };
    expect(Object.keys(on.protection)).toEqual(['ExpirationDate', 'ProtectionEnabled', 'TaskArn']);
    expect(on.protection).toMatchObject({ ProtectionEnabled: true, TaskArn: task.taskArn });
    const off = await get(url, { method: 'PUT', body: '{"ProtectionEnabled":false}' });
    expect(JSON.parse(off.text)).toEqual({ protection: { ExpirationDate: null, ProtectionEnabled: false, TaskArn: task.taskArn } });
    expect(JSON.parse((await get(url)).text)).toEqual({
      protection: { ExpirationDate: null, ProtectionEnabled: false, TaskArn: task.taskArn },
    });
  });
});

describe('the ECS API for tasks', () => {
  it('is served on POST / only when tasks’ AWS_ENDPOINT_URL points at 169.254.170.2', async () => {
    const target = { 'content-type': 'application/x-amz-json-1.1', 'x-amz-target': 'AmazonEC2ContainerServiceV20141113.ListClusters' };
    expect((await get('/', { method: 'POST', headers: target, body: '{}' })).status).toBe(404);
    const other = await startTestEmulator({
      taskAgent: testConfig({ taskAgent: { taskAwsEndpointUrl: 'http://169.254.170.2' } }).taskAgent,
    });
    const s = http.createServer(other.taskAgent.app);
    await new Promise<void>((resolve) => s.listen(0, '127.0.0.1', resolve));
    try {
      const res = await fetch(`http://127.0.0.1:${(s.address() as AddressInfo).port}/`, { method: 'POST', headers: target, body: '{}' });
      expect(res.status).toBe(200);
      expect(await res.json()).toEqual({ clusterArns: [] });
    } finally {
      await new Promise((resolve) => s.close(resolve));
      await other.close();
    }
  });
});
