// Cloud Map names inside tasks, on the real engine: an ECS service registered through serviceRegistries is
// resolvable as <service>.<namespace> from tasks of the namespace's VPC (A with several answers and the TTL, SRV),
// a stopped task drops out at once, another VPC does not see the names, and other names are forwarded to the
// resolver the emulator uses (a stand-in on loopback here: no query leaves the machine).
import dgram from 'node:dgram';
import { CreateSubnetCommand, CreateVpcCommand } from '@aws-sdk/client-ec2';
import {
  CreateClusterCommand,
  CreateServiceCommand,
  RegisterTaskDefinitionCommand,
  RunTaskCommand,
  StopTaskCommand,
  UpdateServiceCommand,
  waitUntilTasksRunning,
} from '@aws-sdk/client-ecs';
import {
  CreatePrivateDnsNamespaceCommand,
  CreateServiceCommand as CreateRegistryCommand,
  GetOperationCommand,
  ServiceDiscoveryClient,
} from '@aws-sdk/client-servicediscovery';
import * as packet from 'dns-packet';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Config } from '../../src/config.js';
import { defaultVpc } from '../../src/domain/network/vpc.js';
import { ec2Client } from '../support/ec2.js';
import { startTestEmulator, type TestEmulator } from '../support/emulator.js';
import { eventually, runningTasksOf } from '../support/services.js';
import { BUSYBOX_IMAGE } from './images.js';
import { docker, exec, newInstanceId, quietLogger, sweep } from './support/docker-harness.js';
import { detailsOf, dockerIdsOf, fetchFromTask, registerTestTasks, scope } from './support/networking.js';

const PORT = 8080;
const UPSTREAM_ONLY = 'upstream-only.example';
const instanceId = newInstanceId('cmdns');
let emu: TestEmulator;
let sd: ServiceDiscoveryClient;
let upstream: dgram.Socket;
let namespace: string;
let client: { app: string; pause: string };
let otherClient: { app: string };

/** Two free /16s in this helper's range (10.180-189): the default VPC and another one. */
async function freeBlocks(): Promise<[string, string]> {
  const used = (await docker.listNetworks()).flatMap((n) => (n.IPAM?.Config ?? []).map((c) => c.Subnet ?? ''));
  const free = [...Array(10).keys()].map((i) => `10.${180 + i}.`).filter((p) => !used.some((u) => u.startsWith(p)));
  if (free.length < 2) throw new Error('no two free 10.18x.0.0/16 blocks');
  return [`${free[0]}0.0/16`, `${free[1]}0.0/16`];
}

/** A stand-in for the host's resolver: 192.0.2.77 for UPSTREAM_ONLY, NXDOMAIN for anything else. */
async function startUpstream(): Promise<number> {
  upstream = dgram.createSocket('udp4');
  upstream.on('message', (msg, rinfo) => {
    const q = packet.decode(msg);
    const question = q.questions![0]!;
    const known = question.name === UPSTREAM_ONLY && question.type === 'A';
    const reply = packet.encode({
      type: 'response',
      id: q.id,
      flags: packet.RECURSION_AVAILABLE | (known ? 0 : 3),
      questions: q.questions,
      answers: known ? [{ type: 'A', name: question.name, ttl: 30, data: '192.0.2.77' }] : [],
    });
    upstream.send(reply, rinfo.port, rinfo.address);
  });
  await new Promise<void>((r) => upstream.bind(0, '127.0.0.1', () => r()));
  return upstream.address().port;
}

/** The addresses busybox nslookup prints for `name` from inside a container ([] when it does not resolve). */
async function resolve(containerId: string, name: string, type = 'A'): Promise<{ addresses: string[]; output: string }> {
  const r = await exec(containerId, ['timeout', '5', 'nslookup', `-type=${type}`, `${name}.`]);
  // After the server block ("Server: … / Address: 127.0.0.11:53" and a blank line) come the answers.
  const answer = r.stdout
    .split(/\n\s*\n/)
    .slice(1)
    .join('\n');
  const addresses = [...answer.matchAll(/Address:\s*([0-9.]+)\s*$/gm)].map((m) => m[1]!);
  return { addresses, output: r.stdout + r.stderr };
}

beforeAll(async () => {
  const [defaultVpcCidr, otherBlock] = await freeBlocks();
  const upstreamPort = await startUpstream();
  emu = await startTestEmulator(
    { instanceId, defaultVpcCidr, taskAgent: { metadataEndpoint: true } as Config['taskAgent'] },
    { runtime: undefined, logger: quietLogger, dnsUpstreams: [`127.0.0.1:${upstreamPort}`] },
  );
  sd = new ServiceDiscoveryClient({
    endpoint: emu.endpoint,
    region: 'us-east-1',
    credentials: { accessKeyId: 'AKIDTEST', secretAccessKey: 'test' },
    maxAttempts: 1,
  });
  const vpc = defaultVpc(scope, 0, defaultVpcCidr);
  namespace = `${instanceId.toLowerCase()}.internal`;
  const { OperationId } = await sd.send(new CreatePrivateDnsNamespaceCommand({ Name: namespace, Vpc: vpc.vpc.vpcId }));
  const { Operation } = await sd.send(new GetOperationCommand({ OperationId }));
  const { Service: registry } = await sd.send(
    new CreateRegistryCommand({
      Name: 'api',
      NamespaceId: Operation!.Targets!.NAMESPACE,
      DnsConfig: {
        DnsRecords: [
          { Type: 'A', TTL: 5 },
          { Type: 'SRV', TTL: 5 },
        ],
      },
      HealthCheckCustomConfig: { FailureThreshold: 1 },
    }),
  );
  const { web, idle } = await registerTestTasks(emu.ecs, PORT);
  const subnets = [vpc.subnets[0]!.subnetId];
  await emu.ecs.send(
    new CreateServiceCommand({
      serviceName: 'api',
      taskDefinition: web,
      desiredCount: 2,
      launchType: 'FARGATE',
      networkConfiguration: { awsvpcConfiguration: { subnets } },
      serviceRegistries: [{ registryArn: registry!.Arn, containerName: 'web', containerPort: PORT }],
    }),
  );
  // A client in the namespace's VPC, and one in another VPC.
  const ec2 = ec2Client(emu.endpoint);
  const { Vpc } = await ec2.send(new CreateVpcCommand({ CidrBlock: otherBlock }));
  const { Subnet } = await ec2.send(new CreateSubnetCommand({ VpcId: Vpc!.VpcId, CidrBlock: otherBlock.replace('/16', '/24') }));
  ec2.destroy();
  const run = async (subnet: string) => {
    const { tasks } = await emu.ecs.send(
      new RunTaskCommand({
        taskDefinition: idle,
        launchType: 'FARGATE',
        networkConfiguration: { awsvpcConfiguration: { subnets: [subnet] } },
      }),
    );
    await waitUntilTasksRunning({ client: emu.ecs, maxWaitTime: 120, minDelay: 1, maxDelay: 2 }, { tasks: [tasks![0]!.taskArn!] });
    return dockerIdsOf(emu, tasks![0]!.taskArn!);
  };
  client = await run(subnets[0]!);
  otherClient = await run(Subnet!.SubnetId!);
  await eventually(
    async () => (await runningTasksOf(emu.ecs, 'default', 'api')).filter((t) => t.lastStatus === 'RUNNING').length === 2,
    120_000,
  );
}, 300_000);

afterAll(async () => {
  sd?.destroy();
  await emu?.close();
  upstream?.close();
  await sweep(instanceId);
});

const backendIps = async () =>
  (await runningTasksOf(emu.ecs, 'default', 'api')).filter((t) => t.lastStatus === 'RUNNING').map((t) => detailsOf(t).privateIPv4Address!);

describe('Cloud Map names inside tasks', () => {
  it('resolves <service>.<namespace> to every running task of the service, and the front end reaches the back end by it', async () => {
    const ips = await backendIps();
    const found = await eventually(async () => {
      const r = await resolve(client.app, `api.${namespace}`);
      return r.addresses.length === 2 ? r : undefined;
    });
    expect(found.addresses.sort()).toEqual(ips.sort());
    // The front end reaches the back end by its name.
    expect(await fetchFromTask(client.app, `http://api.${namespace}:${PORT}/`)).toContain('hello-from-web');
    const pause = dockerIdsOf(emu, (await runningTasksOf(emu.ecs, 'default', 'api'))[0]!.taskArn!).pause;
    expect((await docker.getContainer(pause).inspect()).HostConfig.Dns).toEqual(['169.254.170.2']);
  });

  it('answers SRV with the registered port', async () => {
    const r = await resolve(client.app, `api.${namespace}`, 'SRV');
    expect(r.output).toMatch(new RegExp(`\\b${PORT}\\b`));
    expect(r.output).toContain(`.api.${namespace}`);
  });

  it('drops a stopped task at once, and answers for its replacement', async () => {
    const [victim, survivor] = await runningTasksOf(emu.ecs, 'default', 'api');
    const victimIp = detailsOf(victim!).privateIPv4Address!;
    // Deregistered in the same state change that marks the task to stop: the first query after StopTask's answer
    // no longer finds it.
    await emu.ecs.send(new StopTaskCommand({ task: victim!.taskArn! }));
    const after = await resolve(client.app, `api.${namespace}`);
    expect(after.addresses).not.toContain(victimIp);
    expect(after.addresses).toContain(detailsOf(survivor!).privateIPv4Address!);
    await eventually(async () => {
      const [now, ips] = [await resolve(client.app, `api.${namespace}`), await backendIps()];
      return now.addresses.length === 2 && ips.length === 2 && now.addresses.sort().join() === ips.sort().join();
    }, 120_000);
  });

  it('is not visible from another VPC, and other names resolve through the usual resolver', async () => {
    expect((await resolve(otherClient.app, `api.${namespace}`)).addresses).toEqual([]);
    expect((await resolve(otherClient.app, UPSTREAM_ONLY)).addresses).toEqual(['192.0.2.77']);
    expect((await resolve(client.app, UPSTREAM_ONLY)).addresses).toEqual(['192.0.2.77']);
    expect((await resolve(client.app, `nope.${namespace}`)).addresses).toEqual([]);
  });

  it('answers nothing once the service is scaled to zero', async () => {
    await emu.ecs.send(new UpdateServiceCommand({ service: 'api', desiredCount: 0 }));
    await eventually(async () => (await resolve(client.app, `api.${namespace}`)).addresses.length === 0, 60_000);
    expect((await resolve(client.app, `api.${namespace}`)).output).toMatch(/NXDOMAIN/i);
  });
});

describe('Service Connect client aliases inside tasks', () => {
  const SC_NAMESPACE = `${instanceId.toLowerCase()}-sc`;
  /** An alias port nothing listens on: the back end answers on PORT only. */
  const ALIAS_PORT = 80;
  let scClient: { app: string };

  beforeAll(async () => {
    const base = { networkMode: 'awsvpc' as const, requiresCompatibilities: ['FARGATE' as const], cpu: '256', memory: '512' };
    const backend = await emu.ecs.send(
      new RegisterTaskDefinitionCommand({
        ...base,
        family: 'sc-backend',
        containerDefinitions: [
          {
            name: 'web',
            image: BUSYBOX_IMAGE,
            command: ['sh', '-c', `echo hello-from-backend > /www/index.html; exec httpd -f -p ${PORT} -h /www`],
            portMappings: [{ containerPort: PORT, name: 'http' }],
            stopTimeout: 2,
          },
        ],
      }),
    );
    const idle = await emu.ecs.send(
      new RegisterTaskDefinitionCommand({
        ...base,
        family: 'sc-front',
        containerDefinitions: [
          { name: 'idle', image: BUSYBOX_IMAGE, command: ['sh', '-c', "trap 'exit 0' TERM; while true; do sleep 1; done"], stopTimeout: 2 },
        ],
      }),
    );
    await emu.ecs.send(new CreateClusterCommand({ clusterName: 'sc', serviceConnectDefaults: { namespace: SC_NAMESPACE } }));
    const subnets = [defaultVpc(scope, 0, emu.deps.config.defaultVpcCidr).subnets[0]!.subnetId];
    const create = (serviceName: string, taskDefinition: string, desiredCount: number, services?: object[]) =>
      emu.ecs.send(
        new CreateServiceCommand({
          cluster: 'sc',
          serviceName,
          taskDefinition,
          desiredCount,
          launchType: 'FARGATE',
          networkConfiguration: { awsvpcConfiguration: { subnets } },
          serviceConnectConfiguration: { enabled: true, ...(services ? { services: services as never } : {}) },
        }),
      );
    await create('backend', backend.taskDefinition!.taskDefinitionArn!, 2, [
      {
        portName: 'http',
        clientAliases: [
          { port: PORT, dnsName: 'backend' },
          { port: ALIAS_PORT, dnsName: 'backend-web' },
        ],
      },
    ]);
    await create('front', idle.taskDefinition!.taskDefinitionArn!, 1);
    const front = await eventually(async () => {
      const [t] = (await runningTasksOf(emu.ecs, 'sc', 'front')).filter((x) => x.lastStatus === 'RUNNING');
      return t;
    }, 120_000);
    await eventually(
      async () => (await runningTasksOf(emu.ecs, 'sc', 'backend')).filter((t) => t.lastStatus === 'RUNNING').length === 2,
      120_000,
    );
    scClient = dockerIdsOf(emu, front.taskArn!);
  }, 300_000);

  it('resolves the alias to the running tasks behind it, and the front end reaches the back end by it', async () => {
    const ips = (await runningTasksOf(emu.ecs, 'sc', 'backend')).map((t) => detailsOf(t).privateIPv4Address!);
    const found = await eventually(async () => {
      const r = await resolve(scClient.app, 'backend');
      return r.addresses.length === 2 ? r : undefined;
    }, 30_000);
    expect(found.addresses.sort()).toEqual(ips.sort());
    expect(await fetchFromTask(scClient.app, `http://backend:${PORT}/`)).toContain('hello-from-backend');
  });

  it('is not resolvable from a task outside the namespace', async () => {
    expect((await resolve(client.app, 'backend')).addresses).toEqual([]);
  });

  it('reaches the back end’s container port through an alias on another port, also once a task is replaced', async () => {
    const running = async () => (await runningTasksOf(emu.ecs, 'sc', 'backend')).filter((t) => t.lastStatus === 'RUNNING');
    /** The running back-end tasks, once the front end gets the answer on ALIAS_PORT from each of them and by the alias. */
    const reachedOnAliasPort = async () => {
      const tasks = await running();
      if (tasks.length !== 2) return undefined;
      for (const t of tasks) {
        const body = await fetchFromTask(scClient.app, `http://${detailsOf(t).privateIPv4Address}:${ALIAS_PORT}/`);
        if (!body.includes('hello-from-backend')) return undefined;
      }
      return (await fetchFromTask(scClient.app, `http://backend-web:${ALIAS_PORT}/`)).includes('hello-from-backend') ? tasks : undefined;
    };
    const before = await eventually(reachedOnAliasPort, 30_000, 'the back end on the alias port');
    // A task outside the namespace gets no redirect: nothing answers on that port.
    expect(await fetchFromTask(client.app, `http://${detailsOf(before[0]!).privateIPv4Address}:${ALIAS_PORT}/`)).toBe('');
    await emu.ecs.send(new StopTaskCommand({ cluster: 'sc', task: before[0]!.taskArn! }));
    const after = await eventually(
      async () => {
        const tasks = await running();
        return tasks.length === 2 && !tasks.some((t) => t.taskArn === before[0]!.taskArn) && reachedOnAliasPort();
      },
      120_000,
      'the replacement on the alias port',
    );
    expect(after.map((t) => t.taskArn)).toContain(before[1]!.taskArn);
  });
});
