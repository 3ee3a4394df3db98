// The task's view from inside, on the real engine: Fargate's environment, metadata v4/v3 at 169.254.170.2 (this
// process serves it on the agent network's bridge, design A), task role credentials read by the AWS SDK's own
// container provider, isolation between tasks, secrets and environment files, task protection.
// Traffic goes only to our own containers and to 169.254.170.2 on the agent bridge.
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { GetTaskProtectionCommand, type Task } from '@aws-sdk/client-ecs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { METADATA_ADDRESS } from '../../src/config.js';
import { DEFAULT_AGENT_NETWORK } from '../../src/runtime/networks.js';
import { BUSYBOX_IMAGE, NODE_IMAGE, ensureNodeImage } from './images.js';
import { docker, exec, newInstanceId } from './support/docker-harness.js';
import {
  containerEnv,
  dockerIdOf,
  wgetJson,
  httpGet,
  httpRequest,
  registerTaskDefinition,
  runTask,
  runTaskUntilRunning,
  startEmulatorOnDocker,
  stopTask,
  taskRecord,
  waitStopped,
  type DockerEmulator,
} from './support/emulator-harness.js';

const instanceId = newInstanceId('meta');
const TASK_ROLE = 'arn:aws:iam::000000000000:role/app-task-role';
const EXECUTION_ROLE = 'arn:aws:iam::000000000000:role/app-execution-role';
const SECRET_ARN = 'arn:aws:secretsmanager:us-east-1:000000000000:secret:db-AbCdEf';
let d: DockerEmulator;
let dir: string;
let sleeper: string;
let nodeSleeper: string;

beforeAll(async () => {
  await ensureNodeImage(docker);
  dir = await fs.mkdtemp(path.join(os.tmpdir(), 'fl-meta-'));
  await fs.writeFile(
    path.join(dir, 'secrets.json'),
    JSON.stringify({
      secretsManager: { [SECRET_ARN]: { username: 'app', password: 'pa55word', port: 5432 }, 'plain-token': 'tok-123' },
      parameters: { '/app/feature': 'on' },
    }),
  );
  await fs.mkdir(path.join(dir, 's3', 'config-bucket', 'env'), { recursive: true });
  await fs.writeFile(
    path.join(dir, 's3', 'config-bucket', 'env', 'app.env'),
    '# comment\nFROM_FILE=yes\nLOG_LEVEL=debug\nnot a variable\n',
  );
  d = await startEmulatorOnDocker(instanceId, {
    taskAgent: {
      metadataEndpoint: true,
      secretsFile: path.join(dir, 'secrets.json'),
      environmentFilesDir: path.join(dir, 's3'),
    },
  });
  // stopTimeout 2: `sleep` as PID 1 ignores SIGTERM, so each stop waits for the SIGKILL.
  sleeper = await registerTaskDefinition(
    d,
    [{ name: 'app', image: BUSYBOX_IMAGE, command: ['sleep', '300'], portMappings: [{ containerPort: 8080 }], stopTimeout: 2 }],
    { taskRoleArn: TASK_ROLE },
  );
  nodeSleeper = await registerTaskDefinition(d, [{ name: 'app', image: NODE_IMAGE, command: ['sleep', '300'], stopTimeout: 2 }], {
    taskRoleArn: TASK_ROLE,
  });
}, 180_000);

afterAll(async () => {
  await d?.close();
  if (dir) await fs.rm(dir, { recursive: true, force: true });
});

const v4Uri = (env: Record<string, string>) => env.ECS_CONTAINER_METADATA_URI_V4!;
const credentialsUrl = (env: Record<string, string>) => `http://${METADATA_ADDRESS}${env.AWS_CONTAINER_CREDENTIALS_RELATIVE_URI}`;
const eniIp = (t: Task) => t.attachments![0]!.details!.find((x) => x.name === 'privateIPv4Address')!.value!;

describe('inside a task (busybox wget)', () => {
  let task: Task;
  let app: string;
  let env: Record<string, string>;
  beforeAll(async () => {
    task = await runTaskUntilRunning(d, sleeper);
    app = dockerIdOf(d, task, 'app');
    env = await containerEnv(app);
  });
  afterAll(() => stopTask(d, task));

  it('has the environment Fargate sets, with this task’s own ids', () => {
    const record = taskRecord(d, task);
    const endpointId = record.endpoints!.containers.app!;
    expect(endpointId).toMatch(/^[0-9a-f]{32}-\d{10}$/);
    expect(endpointId.startsWith(record.taskId)).toBe(false);
    expect(env).toMatchObject({
      AWS_EXECUTION_ENV: 'AWS_ECS_FARGATE',
      AWS_REGION: 'us-east-1',
      AWS_DEFAULT_REGION: 'us-east-1',
      ECS_CONTAINER_METADATA_URI_V4: `http://169.254.170.2/v4/${endpointId}`,
      ECS_CONTAINER_METADATA_URI: `http://169.254.170.2/v3/${endpointId}`,
      ECS_AGENT_URI: `http://169.254.170.2/api/${endpointId}`,
      AWS_CONTAINER_CREDENTIALS_RELATIVE_URI: `/v2/credentials/${record.endpoints!.credentialsId}`,
    });
    expect(record.endpoints!.credentialsId).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(env.AWS_ENDPOINT_URL).toBeUndefined();
  });

  it('reads its own container metadata (v4) and finds its ENI', async () => {
    const m = await wgetJson(app, v4Uri(env));
    const container = task.containers![0]!;
    expect(m).toMatchObject({
      DockerId: container.runtimeId,
      Name: 'app',
      DockerName: 'app',
      Image: BUSYBOX_IMAGE,
      DesiredStatus: 'RUNNING',
      KnownStatus: 'RUNNING',
      Type: 'NORMAL',
      ContainerARN: container.containerArn,
      Ports: [{ ContainerPort: 8080, Protocol: 'tcp', HostPort: 8080 }],
      Labels: {
        'com.amazonaws.ecs.cluster': task.clusterArn,
        'com.amazonaws.ecs.container-name': 'app',
        'com.amazonaws.ecs.task-arn': task.taskArn,
        'com.amazonaws.ecs.task-definition-family': sleeper,
        'com.amazonaws.ecs.task-definition-version': '1',
      },
      Snapshotter: 'overlayfs',
    });
    const net = (m.Networks as Record<string, unknown>[])[0]!;
    const prefix = d.cidr.split('.').slice(0, 3).join('.');
    expect(net).toEqual({
      NetworkMode: 'awsvpc',
      IPv4Addresses: [eniIp(task)],
      AttachmentIndex: 0,
      MACAddress: task.attachments![0]!.details!.find((x) => x.name === 'macAddress')!.value,
      IPv4SubnetCIDRBlock: d.cidr,
      DomainNameServers: [`${prefix}.2`],
      DomainNameSearchList: ['ec2.internal'],
      PrivateDNSName: task.attachments![0]!.details!.find((x) => x.name === 'privateDnsName')!.value,
      SubnetGatewayIpv4Address: `${prefix}.1/24`,
    });
    // The address the metadata reports is the one the container really has.
    const ip = await exec(app, ['ip', '-4', '-o', 'addr', 'show', 'dev', 'eth0']);
    expect(ip.stdout).toContain(`inet ${eniIp(task)}/24`);
    expect(Date.parse(m.StartedAt as string)).toBeGreaterThan(Date.now() - 120_000);
  });

  it('reads task metadata (v4): the task, its limits, clock and ephemeral storage', async () => {
    const t = await wgetJson(app, `${v4Uri(env)}/task`);
    expect(t).toMatchObject({
      Cluster: task.clusterArn,
      TaskARN: task.taskArn,
      Family: sleeper,
      Revision: '1',
      DesiredStatus: 'RUNNING',
      KnownStatus: 'RUNNING',
      Limits: { CPU: 0.25, Memory: 512 },
      AvailabilityZone: 'us-east-1a',
      LaunchType: 'FARGATE',
      ClockDrift: { ClockSynchronizationStatus: 'SYNCHRONIZED' },
      EphemeralStorageMetrics: { Reserved: 20496 },
      FaultInjectionEnabled: false,
    });
    expect((t.Containers as unknown[]).length).toBe(1);
    expect(typeof (t.EphemeralStorageMetrics as { Utilized: number }).Utilized).toBe('number');
    expect(Date.parse(t.PullStartedAt as string)).toBeLessThanOrEqual(Date.parse(t.PullStoppedAt as string));
    expect(Object.keys(t).slice(0, 6)).toEqual(['Cluster', 'TaskARN', 'Family', 'Revision', 'DesiredStatus', 'KnownStatus']);
  });

  it('reads Docker stats of itself and of the task (v4), with network rates from its ENI', async () => {
    const s = await wgetJson(app, `${v4Uri(env)}/stats`);
    expect(s).toHaveProperty('cpu_stats.cpu_usage.total_usage');
    expect(s).toHaveProperty('memory_stats');
    expect(s.id).toBe(task.containers![0]!.runtimeId);
    expect(Object.keys(s.networks as object)).toEqual(['eth0']);
    expect(s.network_rate_stats).toEqual({ rx_bytes_per_sec: expect.any(Number), tx_bytes_per_sec: expect.any(Number) });
    const second = await wgetJson(app, `${v4Uri(env)}/stats`);
    // The endpoint keeps the previous sample: precpu_stats is filled, as a CPU percentage needs.
    expect((second.precpu_stats as { system_cpu_usage?: number }).system_cpu_usage).toBeGreaterThan(0);
    const all = await wgetJson(app, `${v4Uri(env)}/task/stats`);
    expect(Object.keys(all)).toEqual([task.containers![0]!.runtimeId]);
  });

  it('serves v3 as well: container, task, stats', async () => {
    const v3 = env.ECS_CONTAINER_METADATA_URI!;
    expect(await wgetJson(app, v3)).toMatchObject({ Name: 'app', Networks: [{ NetworkMode: 'awsvpc', IPv4Addresses: [eniIp(task)] }] });
    const t = await wgetJson(app, `${v3}/task`);
    expect(t).toMatchObject({ TaskARN: task.taskArn, Limits: { CPU: 0.25, Memory: 512 } });
    expect(t).not.toHaveProperty('LaunchType');
    expect((t.Containers as { Name: string; DockerId: string }[]).map((c) => c.Name)).toEqual(['~internal~ecs~pause', 'app']);
    expect((t.Containers as { DockerId: string }[])[0]!.DockerId).toBe(taskRecord(d, task).sandbox!.pauseContainerId);
    const s = await wgetJson(app, `${v3}/stats`);
    expect(s).toHaveProperty('memory_stats');
    expect(s).not.toHaveProperty('network_rate_stats');
  });
});

describe('inside a task (Node)', () => {
  let task: Task;
  let app: string;
  let env: Record<string, string>;
  beforeAll(async () => {
    task = await runTaskUntilRunning(d, nodeSleeper);
    app = dockerIdOf(d, task, 'app');
    env = await containerEnv(app);
  });
  afterAll(() => stopTask(d, task));

  it('answers unknown ids and paths as the agent does', async () => {
    expect(await httpGet(app, `http://${METADATA_ADDRESS}/v4/nope`)).toEqual({
      status: 404,
      body: JSON.stringify(
        'V4 container metadata handler: unable to get container ID from request: unable to get docker ID from v3 endpoint ID: nope',
      ),
    });
    expect(await httpGet(app, `http://${METADATA_ADDRESS}/v3/nope/task`)).toEqual({
      status: 500,
      body: JSON.stringify(
        'V3 task metadata handler: unable to get task arn from request: unable to get task Arn from v3 endpoint ID: nope',
      ),
    });
    expect(await httpGet(app, `http://${METADATA_ADDRESS}/v2/credentials/`)).toEqual({
      status: 400,
      body: JSON.stringify({ code: 'NoIdInRequest', message: 'CredentialsV2Request: No Credential ID in the request', HTTPErrorCode: 400 }),
    });
    expect(await httpGet(app, `http://${METADATA_ADDRESS}/v2/credentials/00000000-0000-4000-8000-000000000000`)).toEqual({
      status: 400,
      body: JSON.stringify({ code: 'InvalidIdInRequest', message: 'CredentialsV2Request: Credentials not found', HTTPErrorCode: 400 }),
    });
    expect(await httpGet(app, `http://${METADATA_ADDRESS}/latest/meta-data/`)).toEqual({ status: 404, body: '404 page not found\n' });
  });

  it('gets its task role credentials from the credentials endpoint', async () => {
    const r = await httpGet(app, credentialsUrl(env));
    expect(r.status).toBe(200);
    const c = JSON.parse(r.body) as Record<string, string>;
    expect(Object.keys(c)).toEqual(['RoleArn', 'AccessKeyId', 'SecretAccessKey', 'Token', 'Expiration']);
    expect(c.RoleArn).toBe(TASK_ROLE);
    expect(c.AccessKeyId).toMatch(/^ASIA[A-Z2-7]{16}$/);
    expect(c.Expiration).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
    expect(Date.parse(c.Expiration!)).toBeGreaterThan(Date.now() + 3 * 3600_000);
  });

  it('fromContainerMetadata (@aws-sdk/credential-providers, running in the task) resolves the task role credentials', async () => {
    const script = [
      "const { fromContainerMetadata } = require('@aws-sdk/credential-providers');",
      'fromContainerMetadata({ timeout: 3000, maxRetries: 0 })().then(',
      '  (c) => console.log(JSON.stringify({ accessKeyId: c.accessKeyId, secret: c.secretAccessKey, token: c.sessionToken, expiration: c.expiration.toISOString() })),',
      '  (e) => { console.log(JSON.stringify({ error: String(e) })); process.exit(1); });',
    ].join('\n');
    const r = await exec(app, ['node', '-e', script]);
    expect(r.stderr).toBe('');
    const seen = JSON.parse(r.stdout) as { accessKeyId: string; secret: string; token: string; expiration: string };
    const served = JSON.parse((await httpGet(app, credentialsUrl(env))).body) as Record<string, string>;
    expect(seen).toEqual({
      accessKeyId: served.AccessKeyId,
      secret: served.SecretAccessKey,
      token: served.Token,
      expiration: new Date(served.Expiration!).toISOString(),
    });
  });
});

describe('isolation', () => {
  let a: Task;
  let b: Task;
  let aEnv: Record<string, string>;
  let bApp: string;
  beforeAll(async () => {
    [a, b] = await Promise.all([runTaskUntilRunning(d, nodeSleeper), runTaskUntilRunning(d, nodeSleeper)]);
    aEnv = await containerEnv(dockerIdOf(d, a, 'app'));
    bApp = dockerIdOf(d, b, 'app');
  });
  afterAll(() => stopTask(d, b));

  it('each task has its own ids and its own credentials', async () => {
    const bEnv = await containerEnv(bApp);
    expect(bEnv.ECS_CONTAINER_METADATA_URI_V4).not.toBe(aEnv.ECS_CONTAINER_METADATA_URI_V4);
    expect(bEnv.AWS_CONTAINER_CREDENTIALS_RELATIVE_URI).not.toBe(aEnv.AWS_CONTAINER_CREDENTIALS_RELATIVE_URI);
    const aKeys = JSON.parse((await httpGet(dockerIdOf(d, a, 'app'), credentialsUrl(aEnv))).body) as { AccessKeyId: string };
    const bKeys = JSON.parse((await httpGet(bApp, credentialsUrl(bEnv))).body) as { AccessKeyId: string };
    expect(aKeys.AccessKeyId).not.toBe(bKeys.AccessKeyId);
  });

  it('task B asking with task A’s ids is refused, exactly as an unknown id', async () => {
    const meta = await httpGet(bApp, v4Uri(aEnv));
    expect(meta.status).toBe(404);
    expect(meta.body).toContain('V4 container metadata handler');
    const creds = await httpGet(bApp, credentialsUrl(aEnv));
    expect(creds).toEqual({
      status: 400,
      body: JSON.stringify({ code: 'InvalidIdInRequest', message: 'CredentialsV2Request: Credentials not found', HTTPErrorCode: 400 }),
    });
    const protection = await httpGet(bApp, `${aEnv.ECS_AGENT_URI}/task-protection/v1/state`);
    expect(protection.status).toBe(404);
  });

  it('the host is refused too', async () => {
    const res = await fetch(credentialsUrl(aEnv));
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ code: 'InvalidIdInRequest' });
    expect((await fetch(v4Uri(aEnv))).status).toBe(404);
  });

  it('credentials die with their task: the stopped task’s id is refused even from its own former address', async () => {
    const former = taskRecord(d, a).sandbox!.agentIpv4Address;
    const id = taskRecord(d, a).endpoints!.credentialsId!;
    expect(d.emu.taskAgent.vault.holds(id)).toBe(true);
    await stopTask(d, a);
    expect(d.emu.taskAgent.vault.holds(id)).toBe(false);
    // A stand-in at the stopped task's agent address (Docker may hand that address to a later task).
    const impostor = await docker.createContainer({
      Image: NODE_IMAGE,
      Cmd: ['sleep', '60'],
      Labels: { 'fargate-local.instance': instanceId },
      HostConfig: { NetworkMode: DEFAULT_AGENT_NETWORK.name },
      NetworkingConfig: { EndpointsConfig: { [DEFAULT_AGENT_NETWORK.name]: { IPAMConfig: { IPv4Address: former } } } },
    });
    // Docker may take a moment to release the address of the removed sandbox.
    for (let attempt = 0; ; attempt++) {
      try {
        await impostor.start();
        break;
      } catch (err) {
        if (attempt >= 60 || !/Address already in use/.test(String(err))) {
          const net = (await docker.getNetwork(DEFAULT_AGENT_NETWORK.name).inspect()) as {
            Containers?: Record<string, { Name: string; IPv4Address: string }>;
          };
          const holder = Object.values(net.Containers ?? {}).find((c) => c.IPv4Address.startsWith(`${former}/`));
          throw new Error(`${former} still in use by ${holder?.Name ?? 'nobody listed'}: ${String(err)}`);
        }
        await new Promise((r) => setTimeout(r, 250));
      }
    }
    try {
      const r = await httpGet(impostor.id, credentialsUrl(aEnv));
      expect(r.status, r.body).toBe(400);
      expect((await httpGet(impostor.id, v4Uri(aEnv))).status).toBe(404);
    } finally {
      await impostor.remove({ force: true });
    }
  });
});

describe('secrets and environment files (execution role)', () => {
  it('resolves secrets from the local secrets file and environment files before the containers start', async () => {
    const family = await registerTaskDefinition(
      d,
      [
        {
          name: 'app',
          image: BUSYBOX_IMAGE,
          command: ['sleep', '300'],
          stopTimeout: 2,
          environment: [{ name: 'LOG_LEVEL', value: 'info' }],
          secrets: [
            { name: 'DB_PASSWORD', valueFrom: `${SECRET_ARN}:password::` },
            { name: 'DB_PORT', valueFrom: `${SECRET_ARN}:port::` },
            { name: 'DB_JSON', valueFrom: SECRET_ARN },
            { name: 'TOKEN', valueFrom: 'arn:aws:secretsmanager:us-east-1:000000000000:secret:plain-token' },
            { name: 'FEATURE', valueFrom: '/app/feature' },
          ],
          environmentFiles: [{ type: 's3', value: 'arn:aws:s3:::config-bucket/env/app.env' }],
        },
      ],
      { executionRoleArn: EXECUTION_ROLE },
    );
    const task = await runTaskUntilRunning(d, family);
    const env = await containerEnv(dockerIdOf(d, task, 'app'));
    expect(env).toMatchObject({
      DB_PASSWORD: 'pa55word',
      DB_PORT: '5432',
      DB_JSON: JSON.stringify({ username: 'app', password: 'pa55word', port: 5432 }),
      TOKEN: 'tok-123',
      FEATURE: 'on',
      FROM_FILE: 'yes',
      // The definition's own environment wins over the file's.
      LOG_LEVEL: 'info',
    });
    // No task role: no credentials URI.
    expect(env.AWS_CONTAINER_CREDENTIALS_RELATIVE_URI).toBeUndefined();
    await stopTask(d, task);
  });

  it('a missing secret fails the task before any container starts, with Fargate’s reason', async () => {
    const missing = 'arn:aws:secretsmanager:us-east-1:000000000000:secret:nope-XyZ123';
    const family = await registerTaskDefinition(
      d,
      [{ name: 'app', image: BUSYBOX_IMAGE, command: ['sleep', '300'], secrets: [{ name: 'X', valueFrom: missing }] }],
      {
        executionRoleArn: EXECUTION_ROLE,
      },
    );
    const stopped = await waitStopped(d, await runTask(d, family));
    expect(stopped.stopCode).toBe('TaskFailedToStart');
    expect(stopped.stoppedReason).toMatch(
      new RegExp(
        `^ResourceInitializationError: unable to pull secrets or registry auth: execution resource retrieval failed: unable to retrieve secret from asm: service call has been retried 1 time\\(s\\): failed to fetch secret ${missing} from secrets manager: ResourceNotFoundException: Secrets Manager can't find the specified secret\\. status code: 400, request id: [0-9a-f-]{36}$`,
      ),
    );
    expect(stopped.containers![0]!.runtimeId).toBeUndefined();
    expect(taskRecord(d, stopped).containers[0]!.dockerId).toBeUndefined();
  });

  it('a missing parameter fails the task with the SSM reason', async () => {
    const family = await registerTaskDefinition(
      d,
      [{ name: 'app', image: BUSYBOX_IMAGE, command: ['sleep', '300'], secrets: [{ name: 'X', valueFrom: '/app/missing' }] }],
      {
        executionRoleArn: EXECUTION_ROLE,
      },
    );
    const stopped = await waitStopped(d, await runTask(d, family));
    expect(stopped.stopCode).toBe('TaskFailedToStart');
    expect(stopped.stoppedReason).toBe(
      'ResourceInitializationError: unable to pull secrets or registry auth: execution resource retrieval failed: unable to retrieve secrets from ssm: service call has been retried 1 time(s): invalid parameters: /app/missing',
    );
  });
});

describe('task scale-in protection from inside', () => {
  it('PUT and GET $ECS_AGENT_URI/task-protection/v1/state on a service task, seen by GetTaskProtection', async () => {
    const task = await runTaskUntilRunning(d, nodeSleeper, { group: 'service:web' });
    const app = dockerIdOf(d, task, 'app');
    const env = await containerEnv(app);
    const url = `${env.ECS_AGENT_URI}/task-protection/v1/state`;
    const put = await httpRequest(app, url, 'PUT', JSON.stringify({ ProtectionEnabled: true, ExpiresInMinutes: 5 }));
    expect(put.status).toBe(200);
    const body = JSON.parse(put.body) as { protection: { ExpirationDate: string; ProtectionEnabled: boolean; TaskArn: string } };
    expect(body.protection).toMatchObject({ ProtectionEnabled: true, TaskArn: task.taskArn });
    expect(Date.parse(body.protection.ExpirationDate) - Date.now()).toBeGreaterThan(4 * 60_000);
    const api = await d.emu.ecs.send(new GetTaskProtectionCommand({ cluster: task.clusterArn, tasks: [task.taskArn!] }));
    expect(api.protectedTasks).toEqual([{ taskArn: task.taskArn, protectionEnabled: true, expirationDate: expect.any(Date) }]);
    const get = await httpGet(app, url);
    expect(JSON.parse(get.body)).toEqual(body);
    const bad = await httpRequest(app, url, 'PUT', JSON.stringify({ ProtectionEnabled: true, ExpiresInMinutes: 5000 }));
    expect(bad.status).toBe(400);
    expect(JSON.parse(bad.body)).toMatchObject({
      requestID: expect.any(String),
      error: { Arn: task.taskArn, Code: 'InvalidParameterException' },
    });
    await stopTask(d, task);
  });

  it('a standalone task gets TASK_NOT_VALID', async () => {
    const task = await runTaskUntilRunning(d, nodeSleeper);
    const app = dockerIdOf(d, task, 'app');
    const env = await containerEnv(app);
    const r = await httpRequest(app, `${env.ECS_AGENT_URI}/task-protection/v1/state`, 'PUT', '{"ProtectionEnabled":true}');
    expect(r).toEqual({ status: 200, body: JSON.stringify({ failure: { Arn: task.taskArn, Detail: null, Reason: 'TASK_NOT_VALID' } }) });
    await stopTask(d, task);
  });
});

describe('the endpoint', () => {
  it('is released by close(): the next emulator serves 169.254.170.2:80 in turn', async () => {
    const other = await startEmulatorOnDocker(newInstanceId('meta2'), { taskAgent: { metadataEndpoint: true } });
    try {
      // Still held by the first emulator.
      expect(await other.emu.taskAgent.server!.ensureListening()).toBe(false);
    } finally {
      await other.close();
    }
    expect(d.emu.taskAgent.server!.listening).toBe(true);
    await d.emu.taskAgent.server!.close();
    const third = await startEmulatorOnDocker(newInstanceId('meta3'), { taskAgent: { metadataEndpoint: true } });
    try {
      expect(await third.emu.taskAgent.server!.ensureListening()).toBe(true);
    } finally {
      await third.close();
    }
  });
});
