import { describe, expect, it } from 'vitest';
import type { TaskRecord } from '../domain/task.js';
import { isTaskCaller, mayReceiveCredentials, peerAddress } from './caller.js';
import { awsvpcNetwork, goTime, v3Container, v3Task, v4Container, v4Task, type TaskView } from './responses.js';
import { decodeProtectionRequest } from './routes-task-protection.js';
import { eniNetworksOf, StatsSampler } from './stats.js';

function task(extra: Partial<TaskRecord> = {}): TaskRecord {
  return {
    taskId: 'f'.repeat(32),
    taskArn: `arn:aws:ecs:eu-west-1:000000000000:task/c/${'f'.repeat(32)}`,
    clusterArn: 'arn:aws:ecs:eu-west-1:000000000000:cluster/c',
    family: 'web',
    revision: 3,
    group: 'service:web',
    lastStatus: 'RUNNING',
    desiredStatus: 'RUNNING',
    launchType: 'FARGATE',
    availabilityZone: 'eu-west-1b',
    cpu: '512',
    memory: '2048',
    ephemeralStorageGiB: 21,
    taskRoleArn: 'arn:aws:iam::000000000000:role/r',
    pullStartedAt: Date.parse('2026-01-01T00:00:01.5Z'),
    pullStoppedAt: Date.parse('2026-01-01T00:00:02Z'),
    attachment: {
      privateIPv4Address: '10.1.2.9',
      macAddress: '0e:00:00:00:00:01',
      privateDnsName: 'ip-10-1-2-9.eu-west-1.compute.internal',
    },
    sandbox: { pauseContainerId: 'pause', agentIpv4Address: '169.254.176.7' },
    containers: [
      {
        name: 'app',
        runtimeId: `${'f'.repeat(32)}-0000000001`,
        containerArn: 'arn:aws:ecs:eu-west-1:000000000000:container/c/x/y',
        image: 'nginx',
        imageDigest: 'sha256:abc',
        lastStatus: 'RUNNING',
        started: true,
        dockerId: 'd1',
        cpu: '128',
        memory: '256',
        healthStatus: 'HEALTHY',
        hasHealthCheck: true,
        essential: true,
      },
      {
        name: 'later',
        runtimeId: 'r2',
        containerArn: 'a2',
        image: 'busybox',
        lastStatus: 'PENDING',
        started: false,
        cpu: '0',
        healthStatus: 'UNKNOWN',
        hasHealthCheck: false,
        essential: false,
      },
    ],
    ...extra,
  } as TaskRecord;
}

function view(t: TaskRecord = task()): TaskView {
  return {
    task: t,
    td: { containerDefinitions: [{ name: 'app', healthCheck: { command: ['CMD', 'true'] } }, { name: 'later' }] } as TaskView['td'],
    region: 'eu-west-1',
    subnetCidr: '10.1.2.0/24',
    vpcCidr: '10.1.0.0/16',
    live: { app: { startedAt: Date.parse('2026-01-01T00:00:03.120Z'), finishedAt: null }, later: null },
    ephemeralUtilizedMiB: 7,
    now: Date.parse('2026-01-01T00:10:00.999Z'),
  };
}

describe('who may call', () => {
  it('only the task’s own agent address, IPv4-mapped or not, while the task is not stopped', () => {
    expect(peerAddress('::ffff:169.254.176.7')).toBe('169.254.176.7');
    expect(isTaskCaller(task(), '169.254.176.7')).toBe(true);
    expect(isTaskCaller(task(), '::ffff:169.254.176.7')).toBe(true);
    expect(isTaskCaller(task(), '169.254.176.8')).toBe(false);
    expect(isTaskCaller(task(), '169.254.170.2')).toBe(false);
    expect(isTaskCaller(task(), undefined)).toBe(false);
    expect(isTaskCaller(task({ sandbox: undefined }), '169.254.176.7')).toBe(false);
    expect(isTaskCaller(task({ lastStatus: 'STOPPED' }), '169.254.176.7')).toBe(false);
  });

  it('credentials: not once the containers are torn down, never without a task role', () => {
    expect(mayReceiveCredentials(task({ lastStatus: 'STOPPING' }), '169.254.176.7')).toBe(true);
    expect(mayReceiveCredentials(task({ lastStatus: 'DEPROVISIONING' }), '169.254.176.7')).toBe(false);
    expect(mayReceiveCredentials(task({ taskRoleArn: undefined }), '169.254.176.7')).toBe(false);
  });
});

describe('metadata responses', () => {
  it('Go time: RFC 3339, UTC, trailing zeros of the fraction dropped', () => {
    expect(goTime(Date.parse('2026-01-01T00:00:01.500Z'))).toBe('2026-01-01T00:00:01.5Z');
    expect(goTime(Date.parse('2026-01-01T00:00:01.000Z'))).toBe('2026-01-01T00:00:01Z');
    expect(goTime(Date.parse('2026-01-01T00:00:01.123Z'))).toBe('2026-01-01T00:00:01.123Z');
  });

  it('the ENI: subnet block, VPC resolver, search domain of the region, gateway with its prefix', () => {
    expect(awsvpcNetwork(view())).toEqual({
      NetworkMode: 'awsvpc',
      IPv4Addresses: ['10.1.2.9'],
      AttachmentIndex: 0,
      MACAddress: '0e:00:00:00:00:01',
      IPv4SubnetCIDRBlock: '10.1.2.0/24',
      DomainNameServers: ['10.1.0.2'],
      DomainNameSearchList: ['eu-west-1.compute.internal'],
      PrivateDNSName: 'ip-10-1-2-9.eu-west-1.compute.internal',
      SubnetGatewayIpv4Address: '10.1.2.1/24',
    });
  });

  it('v4 task: fields in the agent’s order, vCPU limits, reserved storage, service name; only created containers', () => {
    const t = v4Task(view());
    expect(Object.keys(t)).toEqual([
      'Cluster',
      'TaskARN',
      'Family',
      'Revision',
      'DesiredStatus',
      'KnownStatus',
      'Limits',
      'PullStartedAt',
      'PullStoppedAt',
      'AvailabilityZone',
      'LaunchType',
      'Containers',
      'ServiceName',
      'ClockDrift',
      'EphemeralStorageMetrics',
      'FaultInjectionEnabled',
    ]);
    expect(t).toMatchObject({
      Revision: '3',
      Limits: { CPU: 0.5, Memory: 2048 },
      PullStartedAt: '2026-01-01T00:00:01.5Z',
      ServiceName: 'web',
      ClockDrift: { ReferenceTimestamp: '2026-01-01T00:10:00Z', ClockSynchronizationStatus: 'SYNCHRONIZED' },
      EphemeralStorageMetrics: { Utilized: 7, Reserved: 21 * 1024 + 16 },
    });
    expect((t.Containers as unknown[]).length).toBe(1);
  });

  it('v3 task: the pause container first, as the agent lists it for awsvpc tasks', () => {
    const t = v3Task(view());
    const containers = t.Containers as Record<string, unknown>[];
    expect(containers.map((c) => c.Name)).toEqual(['~internal~ecs~pause', 'app']);
    expect(containers[0]).toMatchObject({
      DockerId: 'pause',
      Type: 'CNI_PAUSE',
      KnownStatus: 'RESOURCES_PROVISIONED',
      Image: 'amazon/amazon-ecs-pause:0.1.0',
      Networks: [{ NetworkMode: 'awsvpc', IPv4Addresses: ['10.1.2.9'] }],
    });
    expect(t).not.toHaveProperty('LaunchType');
    expect(t).not.toHaveProperty('ClockDrift');
  });

  it('containers: lower-case health, limits, known statuses, times from Docker', () => {
    const v = view();
    const app = v4Container(v, v.task.containers[0]!);
    expect(app).toMatchObject({
      DockerId: `${'f'.repeat(32)}-0000000001`,
      ImageID: 'sha256:abc',
      KnownStatus: 'RUNNING',
      Limits: { CPU: 128, Memory: 256 },
      Health: { status: 'HEALTHY' },
      CreatedAt: '2026-01-01T00:00:03.12Z',
      StartedAt: '2026-01-01T00:00:03.12Z',
    });
    expect(app).not.toHaveProperty('FinishedAt');
    const later = v3Container(v, v.task.containers[1]!);
    expect(later).toMatchObject({
      KnownStatus: 'PULLED',
      Limits: { CPU: 0 },
      Networks: [{ NetworkMode: 'awsvpc', IPv4Addresses: ['10.1.2.9'] }],
    });
    expect(later).not.toHaveProperty('Health');
    expect(later).not.toHaveProperty('LogDriver');
    const stopped = v4Container(view(task({ desiredStatus: 'STOPPED' })), {
      ...v.task.containers[0]!,
      lastStatus: 'STOPPED',
      exitCode: 137,
    });
    expect(stopped).toMatchObject({ DesiredStatus: 'STOPPED', KnownStatus: 'STOPPED', ExitCode: 137 });
  });
});

describe('stats', () => {
  const raw = (cpu: number, rx: number) => ({
    read: `t${cpu}`,
    cpu_stats: { system_cpu_usage: cpu },
    precpu_stats: {},
    memory_stats: {},
    networks: { eth0: { rx_bytes: rx, tx_bytes: 0 } },
  });

  it('fills precpu from the previous sample and computes network rates per second', () => {
    const s = new StatsSampler();
    const first = s.shape('d1', raw(100, 1000), { id: 'r1', name: 'app' }, undefined, { v4: true, now: 10_000 });
    expect(first).toMatchObject({
      id: 'r1',
      name: 'app',
      precpu_stats: {},
      network_rate_stats: { rx_bytes_per_sec: 0, tx_bytes_per_sec: 0 },
    });
    const second = s.shape('d1', raw(200, 3000), { id: 'r1', name: 'app' }, undefined, { v4: true, now: 12_000 });
    expect(second).toMatchObject({
      precpu_stats: { system_cpu_usage: 100 },
      preread: 't100',
      network_rate_stats: { rx_bytes_per_sec: 1000, tx_bytes_per_sec: 0 },
    });
    expect(s.shape('d1', raw(300, 3000), { id: 'r1', name: 'app' }, undefined, { v4: false, now: 13_000 })).not.toHaveProperty(
      'network_rate_stats',
    );
    s.forget(['d1']);
    expect(s.shape('d1', raw(400, 0), { id: 'r1', name: 'app' }, undefined, { v4: false, now: 14_000 }).precpu_stats).toEqual({});
  });

  it('takes the ENI’s counters from the pause container, leaving the agent interface out', () => {
    expect(eniNetworksOf({ networks: { eth0: { rx_bytes: 1 }, eth1: { rx_bytes: 2 } } })).toEqual({ eth0: { rx_bytes: 1 } });
    expect(eniNetworksOf(null)).toBeUndefined();
  });
});

describe('the task-protection request body', () => {
  it.each([
    ['{"ProtectionEnabled":true}', { protectionEnabled: true }],
    ['{"protectionenabled":false,"EXPIRESINMINUTES":5}', { protectionEnabled: false, expiresInMinutes: 5 }],
    ['null', {}],
    ['{"ProtectionEnabled":null}', {}],
  ])('%s decodes', (body, expected) => {
    expect(decodeProtectionRequest(Buffer.from(body))).toEqual(expected);
  });

  it.each(['', '[]', '{"ProtectionEnabled":"true"}', '{"ExpiresInMinutes":1.5}', '{"Other":1}', '{bad'])('%s does not', (body) => {
    expect(decodeProtectionRequest(Buffer.from(body))).toBeNull();
  });
});

describe('Docker calls behind an answer', () => {
  it('count as unknown when they take too long or fail', async () => {
    const { withDeadline } = await import('./deadline.js');
    expect(await withDeadline(new Promise(() => undefined), 'late', 10)).toBe('late');
    expect(await withDeadline(Promise.reject(new Error('gone')), 'failed', 1000)).toBe('failed');
    expect(await withDeadline(Promise.resolve('value'), 'late', 1000)).toBe('value');
  });
});
