import { describe, expect, it } from 'vitest';
import type { ContainerSpec, SandboxSpec, TaskIdentity } from '../domain/task-runtime.js';
import { appContainerOptions, pauseContainerOptions, resourceLimits, toDockerHealthcheck } from './container-config.js';

const task: TaskIdentity = {
  taskId: '0123456789abcdef0123456789abcdef',
  taskArn: 'arn:aws:ecs:us-east-1:000000000000:task/c1/0123456789abcdef0123456789abcdef',
  clusterArn: 'arn:aws:ecs:us-east-1:000000000000:cluster/c1',
  family: 'web',
  revision: 3,
  scopeKey: '000000000000/us-east-1',
};

function spec(overrides: Partial<ContainerSpec> = {}): ContainerSpec {
  return {
    name: 'app',
    image: 'nginx:latest',
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
    ...overrides,
  };
}

const ctx = { instanceId: 'i1', task, pauseContainerId: 'pauseid', limits: { cpu: 512, memory: 1024 }, hostCpus: 2, defaultNofile: 65535 };

describe('appContainerOptions', () => {
  it('joins the pause netns with no restart policy and a unique name per instance and task', () => {
    const o = appContainerOptions(ctx, spec());
    expect(o.name).toBe('fl-i1-0123456789abcdef0123456789abcdef-app');
    expect(o.HostConfig?.NetworkMode).toBe('container:pauseid');
    expect(o.HostConfig?.RestartPolicy).toEqual({ Name: 'no' });
    expect(o.Image).toBe('nginx:latest');
  });

  it('maps command, entry point, environment, working directory and user', () => {
    const o = appContainerOptions(
      ctx,
      spec({
        command: ['-c', 'echo hi'],
        entryPoint: ['sh'],
        environment: { A: '1', B: 'x=y' },
        workingDirectory: '/srv',
        user: '1000:1000',
      }),
    );
    expect(o.Entrypoint).toEqual(['sh']);
    expect(o.Cmd).toEqual(['-c', 'echo hi']);
    expect(o.Env).toEqual(['A=1', 'B=x=y']);
    expect(o.WorkingDir).toBe('/srv');
    expect(o.User).toBe('1000:1000');
  });

  it('leaves entry point and command to the image when absent', () => {
    const o = appContainerOptions(ctx, spec());
    expect(o).not.toHaveProperty('Entrypoint');
    expect(o).not.toHaveProperty('Cmd');
  });

  it('puts our labels and the ECS agent labels over the dockerLabels', () => {
    const o = appContainerOptions(ctx, spec({ dockerLabels: { team: 'a', 'com.amazonaws.ecs.cluster': 'spoofed' } }));
    expect(o.Labels).toMatchObject({
      team: 'a',
      'fargate-local.instance': 'i1',
      'fargate-local.task-id': task.taskId,
      'fargate-local.role': 'app',
      'fargate-local.container-name': 'app',
      'com.amazonaws.ecs.cluster': task.clusterArn,
      'com.amazonaws.ecs.task-arn': task.taskArn,
      'com.amazonaws.ecs.container-name': 'app',
      'com.amazonaws.ecs.task-definition-family': 'web',
      'com.amazonaws.ecs.task-definition-version': '3',
    });
  });

  it('maps ulimits and adds Fargate’s default nofile 65535 only when none is given', () => {
    expect(appContainerOptions(ctx, spec()).HostConfig?.Ulimits).toEqual([{ Name: 'nofile', Soft: 65535, Hard: 65535 }]);
    expect(appContainerOptions({ ...ctx, defaultNofile: null }, spec()).HostConfig?.Ulimits).toEqual([]);
    const o = appContainerOptions(
      ctx,
      spec({
        ulimits: [
          { name: 'nofile', softLimit: 10, hardLimit: 20 },
          { name: 'core', softLimit: 0, hardLimit: 0 },
        ],
      }),
    );
    expect(o.HostConfig?.Ulimits).toEqual([
      { Name: 'nofile', Soft: 10, Hard: 20 },
      { Name: 'core', Soft: 0, Hard: 0 },
    ]);
  });

  it('maps init, read-only root, sysctls and capabilities', () => {
    const o = appContainerOptions(
      ctx,
      spec({
        initProcessEnabled: true,
        readonlyRootFilesystem: true,
        systemControls: [{ namespace: 'net.ipv4.tcp_keepalive_time', value: '60' }],
        capabilitiesAdd: ['SYS_PTRACE'],
        capabilitiesDrop: ['NET_RAW'],
      }),
    );
    expect(o.HostConfig).toMatchObject({
      Init: true,
      ReadonlyRootfs: true,
      Sysctls: { 'net.ipv4.tcp_keepalive_time': '60' },
      CapAdd: ['SYS_PTRACE'],
      CapDrop: ['NET_RAW'],
    });
  });

  it('maps scratch, EFS and bind mounts and volumesFrom to this task’s objects', () => {
    const o = appContainerOptions(
      ctx,
      spec({
        mounts: [
          { kind: 'scratch', source: 'data', containerPath: '/data', readOnly: false },
          { kind: 'efs', source: 'fs-12345678', containerPath: '/efs', readOnly: true },
          { kind: 'efs', source: 'fs-12345678', rootDirectory: '/a/b', containerPath: '/efs2', readOnly: false },
          { kind: 'bind', source: '/srv/x', containerPath: '/x', readOnly: true },
        ],
        volumesFrom: [
          { sourceContainer: 'side', readOnly: true },
          { sourceContainer: 'other', readOnly: false },
        ],
      }),
    );
    const mounts = o.HostConfig?.Mounts ?? [];
    expect(mounts[0]).toEqual({ Type: 'volume', Source: `fl-i1-${task.taskId}.v.data`, Target: '/data', ReadOnly: false });
    expect(mounts[1]).toEqual({ Type: 'volume', Source: 'fl-i1-efs.fs-12345678', Target: '/efs', ReadOnly: true });
    expect(mounts[2]?.Source).toMatch(/^fl-i1-efs\.fs-12345678\.[0-9a-f]{12}$/);
    expect(mounts[3]).toEqual({ Type: 'bind', Source: '/srv/x', Target: '/x', ReadOnly: true });
    expect(o.HostConfig?.VolumesFrom).toEqual([`fl-i1-${task.taskId}-side:ro`, `fl-i1-${task.taskId}-other`]);
  });
});

describe('resourceLimits', () => {
  it('uses the task memory as the hard limit of a container without its own, with swap off', () => {
    const r = resourceLimits(spec(), { cpu: 256, memory: 512 }, 2);
    expect(r.Memory).toBe(512 * 1024 * 1024);
    expect(r.MemorySwap).toBe(512 * 1024 * 1024);
    expect(r).not.toHaveProperty('MemoryReservation');
  });

  it('uses the container memory and reservation when given', () => {
    const r = resourceLimits(spec({ memory: 128, memoryReservation: 64 }), { cpu: 256, memory: 512 }, 2);
    expect(r.Memory).toBe(128 * 1024 * 1024);
    expect(r.MemoryReservation).toBe(64 * 1024 * 1024);
  });

  it('turns cpu units into shares (minimum 2) and the task cpu into a quota capped at the host’s CPUs', () => {
    expect(resourceLimits(spec({ cpu: 128 }), { cpu: 256, memory: 512 }, 2)).toMatchObject({ CpuShares: 128, NanoCpus: 250_000_000 });
    expect(resourceLimits(spec(), { cpu: 1024, memory: 2048 }, 2)).toMatchObject({ CpuShares: 2, NanoCpus: 1_000_000_000 });
    expect(resourceLimits(spec(), { cpu: 4096, memory: 8192 }, 2).NanoCpus).toBe(2_000_000_000);
  });
});

describe('toDockerHealthcheck', () => {
  it('keeps the ECS command and turns seconds into nanoseconds', () => {
    expect(
      toDockerHealthcheck({
        command: ['CMD-SHELL', 'wget -q localhost || exit 1'],
        intervalSeconds: 5,
        timeoutSeconds: 2,
        retries: 3,
        startPeriodSeconds: 10,
      }),
    ).toEqual({ Test: ['CMD-SHELL', 'wget -q localhost || exit 1'], Interval: 5e9, Timeout: 2e9, Retries: 3, StartPeriod: 10e9 });
    expect(
      toDockerHealthcheck({
        command: ['CMD', '/bin/check', '--fast'],
        intervalSeconds: 30,
        timeoutSeconds: 5,
        retries: 3,
        startPeriodSeconds: 0,
      }).Test,
    ).toEqual(['CMD', '/bin/check', '--fast']);
  });
});

describe('pauseContainerOptions', () => {
  const sandbox: SandboxSpec = {
    task,
    subnet: { vpcId: 'vpc-1', cidr: '10.0.1.0/24', gateway: '10.0.1.1', internal: false },
    ipv4Address: '10.0.1.10',
    macAddress: '02:42:0a:00:01:0a',
    hostname: 'ip-10-0-1-10.ec2.internal',
    publishedPorts: [{ containerPort: 80, hostPort: 18080, protocol: 'tcp', hostIp: '127.0.0.1' }],
    scratchVolumes: [],
  };

  it('puts the pause on the subnet with the static IP, MAC, hostname and published ports, never restarted', () => {
    const o = pauseContainerOptions('i1', sandbox, 'fargate-local/pause:abc');
    expect(o.name).toBe(`fl-i1-${task.taskId}.pause`);
    expect(o.Hostname).toBe('ip-10-0-1-10.ec2.internal');
    expect(o.HostConfig?.NetworkMode).toBe('fargate-local-i1-vpc-1');
    expect(o.HostConfig?.RestartPolicy).toEqual({ Name: 'no' });
    expect(o.NetworkingConfig?.EndpointsConfig?.['fargate-local-i1-vpc-1']?.IPAMConfig?.IPv4Address).toBe('10.0.1.10');
    expect(o.ExposedPorts).toEqual({ '80/tcp': {} });
    expect(o.HostConfig?.PortBindings).toEqual({ '80/tcp': [{ HostIp: '127.0.0.1', HostPort: '18080' }] });
    expect(o.Labels).toMatchObject({ 'fargate-local.role': 'pause', 'fargate-local.instance': 'i1' });
  });
});
