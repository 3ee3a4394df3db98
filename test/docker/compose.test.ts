// Packaging: the Dockerfile builds with no image registry once its base image is present locally (here a stand-in
// made from this host's node by scripts/build-local-base-image.sh), the container answers the SDK on a port published
// on 127.0.0.1 only, and docker-compose.yml brings up the same image with the link-local agent network.
// Everything made here carries a unique name and the label fargate-local.test=<session>, and is removed afterwards.
import { randomBytes } from 'node:crypto';
import fs from 'node:fs/promises';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import { DescribeSubnetsCommand, EC2Client } from '@aws-sdk/client-ec2';
import {
  CreateClusterCommand,
  CreateServiceCommand,
  DeleteServiceCommand,
  ECSClient,
  RegisterTaskDefinitionCommand,
  waitUntilServicesInactive,
} from '@aws-sdk/client-ecs';
import {
  CreateListenerCommand,
  CreateLoadBalancerCommand,
  CreateTargetGroupCommand,
  ElasticLoadBalancingV2Client,
  ModifyTargetGroupAttributesCommand,
} from '@aws-sdk/client-elastic-load-balancing-v2';
import { FargateLocalControl } from '../../src/client/control-client.js';
import { eventually } from '../support/services.js';
import { BUSYBOX_IMAGE } from './images.js';
import { freeVpcCidr, newInstanceId, sweep } from './support/docker-harness.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { must, removeImageAndDescendants, run } from './docker-cli.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const SESSION = `${process.pid}-${randomBytes(3).toString('hex')}`;
const LABEL = `fargate-local.test=${SESSION}`;
const BASE_IMAGE = `fargate-local-test/node-base:${SESSION}`;
const APP_IMAGE = `fargate-local-test/app:${SESSION}`;
const CONTAINER = `fargate-local-test-app-${SESSION}`;
const PROJECT = `fltest${SESSION.replace(/-/g, '')}`;
// The classic builder: Debian's docker.io has no buildx, and it never pulls an image that is present locally.
const BUILD_ENV = { ...process.env, DOCKER_BUILDKIT: '0', COMPOSE_DOCKER_CLI_BUILD: '0' };

// The compose emulator's own instance id and default VPC block, so it shares the engine with the other tests' emulators
// (and the leak sweep knows its tasks).
const COMPOSE_INSTANCE = newInstanceId('compose');
let composeUp = false;
let composeFiles: string[] = ['-f', 'docker-compose.yml'];
let overrideDir: string | undefined;

beforeAll(async () => {
  await must('bash', [path.join(ROOT, 'scripts', 'build-local-base-image.sh'), '--label', LABEL, BASE_IMAGE]);
}, 120_000);

afterAll(async () => {
  if (composeUp)
    await run('docker-compose', [...composeFiles, '-p', PROJECT, 'down', '--volumes', '--rmi', 'local', '--timeout', '5'], {
      cwd: ROOT,
      env: composeEnv(0),
    });
  await sweep(COMPOSE_INSTANCE);
  await run('docker', ['rm', '--force', '--volumes', CONTAINER]);
  await run('docker', ['rmi', '--force', APP_IMAGE]);
  await removeImageAndDescendants(BASE_IMAGE);
  if (overrideDir) await fs.rm(overrideDir, { recursive: true, force: true });
}, 180_000);

let listenerPorts = '4600-4619';
function composeEnv(hostPort: number): NodeJS.ProcessEnv {
  return { ...BUILD_ENV, NODE_IMAGE: BASE_IMAGE, FARGATE_LOCAL_HOST_PORT: String(hostPort), FARGATE_LOCAL_LISTENER_PORTS: listenerPorts };
}

function ecsClient(port: number): ECSClient {
  return new ECSClient({
    endpoint: `http://127.0.0.1:${port}`,
    region: 'us-east-1',
    credentials: { accessKeyId: 'AKIDTEST', secretAccessKey: 'test' },
    maxAttempts: 1,
  });
}

/** CreateCluster, retried while the server in the container starts. */
async function createClusterWhenUp(port: number, name: string, timeoutMs = 30_000) {
  const ecs = ecsClient(port);
  const deadline = Date.now() + timeoutMs;
  try {
    for (;;) {
      try {
        return await ecs.send(new CreateClusterCommand({ clusterName: name }));
      } catch (err) {
        if (Date.now() > deadline || (err as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode) throw err;
        await delay(250);
      }
    }
  } finally {
    ecs.destroy();
  }
}

async function freePort(port = 0): Promise<number> {
  const server = net.createServer();
  const ok = await new Promise<boolean>((resolve) => {
    server.once('error', () => resolve(false));
    server.listen(port, '127.0.0.1', () => resolve(true));
  });
  if (!ok) return 0;
  const bound = (server.address() as net.AddressInfo).port;
  await new Promise((resolve) => server.close(resolve));
  return bound;
}

/** Two adjacent free ports on 127.0.0.1, as `from-to`. */
async function freePortPair(): Promise<string> {
  for (;;) {
    const first = await freePort();
    if (first < 65535 && (await freePort(first + 1))) return `${first}-${first + 1}`;
  }
}

/** The compose file's environment for this run: its own instance id and default VPC block. */
async function testEnvironmentOverride(): Promise<string> {
  overrideDir ??= await fs.mkdtemp(path.join(os.tmpdir(), 'fargate-local-compose-'));
  const file = path.join(overrideDir, 'environment.yml');
  const env = { FARGATE_LOCAL_INSTANCE_ID: COMPOSE_INSTANCE, FARGATE_LOCAL_DEFAULT_VPC_CIDR: await freeVpcCidr() };
  const lines = ['services:', '  fargate-local:', '    environment:', ...Object.entries(env).map(([k, v]) => `      ${k}: "${v}"`), ''];
  await fs.writeFile(file, lines.join('\n'));
  return file;
}

const clientConfig = (port: number) => ({
  endpoint: `http://127.0.0.1:${port}`,
  region: 'us-east-1',
  credentials: { accessKeyId: 'AKIDTEST', secretAccessKey: 'test' },
  maxAttempts: 1,
});

/**
 * A web service of one busybox httpd task behind a load balancer, created through the compose emulator; resolves
 * with the published listener's answer once the target is healthy, then deletes the service.
 */
async function webServiceThroughListener(port: number): Promise<{ body: string; hostPort: number }> {
  const ecs = new ECSClient(clientConfig(port));
  const ec2 = new EC2Client(clientConfig(port));
  const elb = new ElasticLoadBalancingV2Client(clientConfig(port));
  try {
    const { Subnets } = await ec2.send(new DescribeSubnetsCommand({ Filters: [{ Name: 'default-for-az', Values: ['true'] }] }));
    const subnets = Subnets!.map((x) => x.SubnetId!).slice(0, 2);
    const lb = (await elb.send(new CreateLoadBalancerCommand({ Name: 'compose-web', Subnets: subnets }))).LoadBalancers![0]!;
    const tg = (
      await elb.send(
        new CreateTargetGroupCommand({
          Name: 'compose-web',
          TargetType: 'ip',
          Protocol: 'HTTP',
          Port: 8080,
          VpcId: lb.VpcId,
          HealthCheckIntervalSeconds: 5,
          HealthCheckTimeoutSeconds: 2,
          HealthyThresholdCount: 2,
        }),
      )
    ).TargetGroups![0]!;
    // No 300 s of draining when the service is deleted at the end.
    await elb.send(
      new ModifyTargetGroupAttributesCommand({
        TargetGroupArn: tg.TargetGroupArn,
        Attributes: [{ Key: 'deregistration_delay.timeout_seconds', Value: '0' }],
      }),
    );
    const { Listeners } = await elb.send(
      new CreateListenerCommand({
        LoadBalancerArn: lb.LoadBalancerArn,
        Port: 80,
        DefaultActions: [{ Type: 'forward', TargetGroupArn: tg.TargetGroupArn }],
      }),
    );
    await ecs.send(
      new RegisterTaskDefinitionCommand({
        family: 'compose-web',
        requiresCompatibilities: ['FARGATE'],
        networkMode: 'awsvpc',
        cpu: '256',
        memory: '512',
        containerDefinitions: [
          {
            name: 'web',
            image: BUSYBOX_IMAGE,
            portMappings: [{ containerPort: 8080 }],
            command: ['sh', '-c', 'mkdir -p /www; echo "served by $(hostname)" > /www/index.html; exec httpd -f -p 8080 -h /www'],
          },
        ],
      }),
    );
    await ecs.send(
      new CreateServiceCommand({
        cluster: 'from-compose',
        serviceName: 'web',
        taskDefinition: 'compose-web',
        desiredCount: 1,
        launchType: 'FARGATE',
        networkConfiguration: { awsvpcConfiguration: { subnets } },
        loadBalancers: [{ targetGroupArn: tg.TargetGroupArn, containerName: 'web', containerPort: 8080 }],
      }),
    );
    const served = (await new FargateLocalControl(`http://127.0.0.1:${port}`).loadBalancers()).find(
      (l) => l.listenerArn === Listeners![0]!.ListenerArn,
    )!;
    const body = await eventually(
      async () => {
        const res = await fetch(`http://127.0.0.1:${served.hostPort}/`, { headers: { host: lb.DNSName! } });
        const text = await res.text();
        return res.status === 200 && text;
      },
      120_000,
      'the task to answer through the published listener',
    );
    await ecs.send(new DeleteServiceCommand({ cluster: 'from-compose', service: 'web', force: true }));
    await waitUntilServicesInactive(
      { client: ecs, maxWaitTime: 120, minDelay: 1, maxDelay: 2 },
      { cluster: 'from-compose', services: ['web'] },
    );
    return { body, hostPort: served.hostPort };
  } finally {
    ecs.destroy();
    ec2.destroy();
    elb.destroy();
  }
}

interface AgentNet {
  subnet: string;
  gateway: string;
  address: string;
  /** Extra compose file, when the real link-local range is taken on this engine. */
  override?: string;
}

const LINK_LOCAL: AgentNet = { subnet: '169.254.0.0/16', gateway: '169.254.170.1', address: '169.254.170.2' };
const FALLBACK: AgentNet & { ipRange: string } = {
  subnet: '198.51.100.0/24',
  gateway: '198.51.100.1',
  address: '198.51.100.2',
  ipRange: '198.51.100.128/25',
};

/**
 * Docker allows one network over 169.254.0.0/16 per engine. When another one holds it (the agent network of an
 * emulator running on the host, e.g. the runtime tests'), the stack comes up on a documentation range instead,
 * through an override file; everything else about the network is the same.
 */
async function agentNetworkForThisEngine(): Promise<AgentNet> {
  const ids = (await must('docker', ['network', 'ls', '--quiet'])).split('\n').filter(Boolean);
  const nets = JSON.parse(await must('docker', ['network', 'inspect', ...ids])) as Array<{
    Name: string;
    IPAM: { Config: Array<{ Subnet?: string }> | null };
  }>;
  const holder = nets.find((n) => (n.IPAM.Config ?? []).some((c) => c.Subnet?.startsWith('169.254.')));
  if (!holder) return LINK_LOCAL;
  console.warn(`169.254.0.0/16 is held by the network ${holder.Name}; bringing the stack up on ${FALLBACK.subnet} instead`);
  overrideDir = await fs.mkdtemp(path.join(os.tmpdir(), 'fargate-local-compose-'));
  const override = path.join(overrideDir, 'override.yml');
  await fs.writeFile(
    override,
    [
      'services:',
      '  fargate-local:',
      '    networks:',
      '      fargate-local-agent:',
      `        ipv4_address: ${FALLBACK.address}`,
      'networks:',
      '  fargate-local-agent:',
      '    name: zz-fargate-local-compose-agent',
      '    labels:',
      '      fargate-local.role: agent-network',
      '    internal: true',
      '    ipam:',
      '      config:',
      `        - subnet: ${FALLBACK.subnet}`,
      `          gateway: ${FALLBACK.gateway}`,
      `          ip_range: ${FALLBACK.ipRange}`,
      '',
    ].join('\n'),
  );
  return { ...FALLBACK, override };
}

interface PortBinding {
  HostIp: string;
  HostPort: string;
}

async function inspect(container: string) {
  const [info] = JSON.parse(await must('docker', ['inspect', container])) as Array<{
    State: { ExitCode: number; Running: boolean };
    Config: { Env: string[] };
    NetworkSettings: { Ports: Record<string, PortBinding[] | null>; Networks: Record<string, { IPAddress: string; IPAMConfig: unknown }> };
  }>;
  return info!;
}

describe.sequential('Docker image', () => {
  it('builds from a local base image alone, with the classic builder', async () => {
    // A registry holds no image by this name, so the build can only succeed from the local one.
    await must('docker', ['build', '--build-arg', `NODE_IMAGE=${BASE_IMAGE}`, '--label', LABEL, '--tag', APP_IMAGE, '.'], {
      cwd: ROOT,
      env: BUILD_ENV,
      timeoutMs: 420_000,
    });
    const config = JSON.parse(await must('docker', ['image', 'inspect', '--format', '{{json .Config}}', APP_IMAGE])) as {
      Entrypoint: string[];
      Env: string[];
    };
    expect(config.Entrypoint).toEqual(['node', 'dist/cli/main.js']);
    expect(config.Env).toEqual(expect.arrayContaining(['HOST=0.0.0.0', 'FARGATE_LOCAL_DATA_DIR=/data']));
    // Production dependencies only: the compiler and the test runner stay in the build stage.
    const dev = await run('docker', [
      'run',
      '--rm',
      '--label',
      LABEL,
      '--entrypoint',
      'sh',
      APP_IMAGE,
      '-c',
      'ls node_modules/typescript node_modules/vitest',
    ]);
    expect(dev.code).not.toBe(0);
  }, 480_000);

  it('runs with the Docker socket mounted, publishes on 127.0.0.1 only, and answers CreateCluster', async () => {
    await must('docker', [
      'run',
      '--detach',
      '--name',
      CONTAINER,
      '--label',
      LABEL,
      '--volume',
      '/var/run/docker.sock:/var/run/docker.sock',
      '--publish',
      '127.0.0.1::4599',
      APP_IMAGE,
    ]);
    const bindings = (await inspect(CONTAINER)).NetworkSettings.Ports['4599/tcp'] ?? [];
    expect(bindings.length).toBeGreaterThan(0);
    expect(bindings.every((b) => b.HostIp === '127.0.0.1')).toBe(true);
    const port = Number(bindings[0]!.HostPort);

    const { cluster } = await createClusterWhenUp(port, 'in-a-container');
    expect(cluster?.clusterArn).toBe('arn:aws:ecs:us-east-1:000000000000:cluster/in-a-container');

    // The engine answers through the mounted socket from inside the container.
    const ping = await must('docker', [
      'exec',
      CONTAINER,
      'node',
      '-e',
      "require('http').get({socketPath:'/var/run/docker.sock',path:'/_ping'},r=>r.on('data',d=>process.stdout.write(d)))",
    ]);
    expect(ping).toBe('OK');

    // SIGTERM (docker stop) stops it cleanly and at once, although node runs as PID 1.
    const started = Date.now();
    await must('docker', ['stop', '--time', '10', CONTAINER]);
    // Before docker's 10 s timeout: node handled the SIGTERM (exit code 0), no SIGKILL was needed.
    expect(Date.now() - started).toBeLessThan(10_000);
    expect((await inspect(CONTAINER)).State.ExitCode).toBe(0);
  }, 120_000);
});

describe.sequential('docker-compose.yml', () => {
  it('is a valid Compose file', async () => {
    const config = await must('docker-compose', ['config'], { cwd: ROOT, env: composeEnv(4599) });
    expect(config).toContain('127.0.0.1:4599:4599');
    expect(config).toContain('127.0.0.1:4600:4600');
    expect(config).toContain('127.0.0.1:4619:4619');
    expect(config).toContain('FARGATE_LOCAL_JOIN_VPC_NETWORKS');
    expect(config).toContain('/var/run/docker.sock:/var/run/docker.sock');
    expect(config).toContain('ipv4_address: 169.254.170.2');
    expect(config).toContain('internal: true');
    expect(config).toMatch(/- gateway: 169\.254\.170\.1\n\s+ip_range: 169\.254\.176\.0\/20\n\s+subnet: 169\.254\.0\.0\/16\n/);
    expect(config).toContain('name: zz-fargate-local-compose-agent');
    expect(config).toContain('FARGATE_LOCAL_AGENT_NETWORK: zz-fargate-local-compose-agent');
    // The Compose Specification needs no version key (Compose v2 warns that it is obsolete).
    expect(await fs.readFile(path.join(ROOT, 'docker-compose.yml'), 'utf8')).not.toMatch(/^version:/m);
  });

  it('brings the emulator up on the loopback port, with its data volume and the internal link-local agent network', async () => {
    const port = await freePort();
    listenerPorts = await freePortPair();
    const agentNet = await agentNetworkForThisEngine();
    if (agentNet.override) composeFiles = [...composeFiles, '-f', agentNet.override];
    composeFiles = [...composeFiles, '-f', await testEnvironmentOverride()];
    const compose = (...args: string[]) =>
      must('docker-compose', [...composeFiles, '-p', PROJECT, ...args], { cwd: ROOT, env: composeEnv(port), timeoutMs: 420_000 });
    composeUp = true;
    await compose('up', '--detach', '--build');

    const ids = (await must('docker', ['ps', '--quiet', '--filter', `label=com.docker.compose.project=${PROJECT}`]))
      .split('\n')
      .filter(Boolean);
    expect(ids).toHaveLength(1);
    const container = await inspect(ids[0]!);
    expect(container.NetworkSettings.Ports['4599/tcp']).toEqual([{ HostIp: '127.0.0.1', HostPort: String(port) }]);

    const agentName = 'zz-fargate-local-compose-agent';
    expect(container.NetworkSettings.Networks[agentName]?.IPAddress).toBe(agentNet.address);
    const [agent] = JSON.parse(await must('docker', ['network', 'inspect', agentName])) as Array<{
      Internal: boolean;
      IPAM: { Config: Array<{ Subnet: string; Gateway: string }> };
    }>;
    expect(agent!.Internal).toBe(true);
    expect(agent!.IPAM.Config[0]).toMatchObject({ Subnet: agentNet.subnet, Gateway: agentNet.gateway });
    expect(container.Config.Env).toContain(`FARGATE_LOCAL_AGENT_NETWORK=${agentName}`);

    const { cluster } = await createClusterWhenUp(port, 'from-compose');
    expect(cluster?.clusterArn).toBe('arn:aws:ecs:us-east-1:000000000000:cluster/from-compose');

    // State lives in the named volume: a new container (compose up --force-recreate) still has the cluster.
    await compose('up', '--detach', '--force-recreate', '--no-build');
    const again = await createClusterWhenUp(port, 'from-compose');
    expect(again.cluster?.clusterArn).toBe(cluster?.clusterArn);
    // The volume holds it: in the snapshot, or in the journal of changes made since.
    const state = await compose('exec', '-T', 'fargate-local', 'sh', '-c', 'cat /data/state.json /data/state.journal.*');
    expect(state).toContain('"arn:aws:ecs:us-east-1:000000000000:cluster/from-compose"');

    // A web service behind a load balancer: the container reaches the task's address (it joined the VPC network),
    // and the listener answers on a published port of the range.
    const web = await webServiceThroughListener(port);
    expect(web.body).toMatch(/^served by \S+\n$/);
    expect(web.hostPort).toBe(Number(listenerPorts.split('-')[0]));

    await compose('down', '--volumes', '--rmi', 'local', '--timeout', '5');
    composeUp = false;
    const left = await must('docker', ['ps', '--all', '--quiet', '--filter', `label=com.docker.compose.project=${PROJECT}`]);
    expect(left.trim()).toBe('');
  }, 480_000);
});
