// Design B, the docker compose deployment, with plain Docker calls: the emulator runs in a container (the Node test
// image with this worktree mounted), its API published on 127.0.0.1 from a normal network, and it sits at the
// metadata address on an existing internal agent network (gateway .1, ICC on) that it joins instead of creating one.
// A task started through its API reads its metadata and credentials from it.
//
// Not 169.254.0.0/16 here: on a shared engine that range belongs to the host-process layout's agent network (Docker
// refuses overlapping networks, and other tests' tasks may be using it), so this network is a free 10.253.x.0/24
// and the emulator is told its address (--metadata-address; tasks then get AWS_CONTAINER_CREDENTIALS_FULL_URI).
// Everything else is as compose sets it up.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  ECSClient,
  ListClustersCommand,
  RegisterTaskDefinitionCommand,
  RunTaskCommand,
  StopTaskCommand,
  waitUntilTasksRunning,
  waitUntilTasksStopped,
} from '@aws-sdk/client-ecs';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { emptyDocument, emptyRegionState, SCHEMA_VERSION } from '../../src/store/schema.js';
import { DEFAULT_AGENT_NETWORK } from '../../src/runtime/networks.js';
import { BUSYBOX_IMAGE, NODE_IMAGE, ensureNodeImage } from './images.js';
import { docker, exec, freeTestSubnet, newInstanceId, sweep } from './support/docker-harness.js';
import { containerEnv, seedTestVpc, wgetJson } from './support/emulator-harness.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const instanceId = newInstanceId('compose');
const LABELS = { 'fargate-local.instance': instanceId };
const frontName = `fl-${instanceId}-front`;
const agentName = `zz-${instanceId}-agent`;
const buildDir = path.join(ROOT, 'dist', `.compose-test-${instanceId}`);
let stateDir: string;
let agentPrefix: string;
let emulatorId: string | undefined;
let ecs: ECSClient;
let subnetId: string;
let subnetCidr: string;

/** A 10.253.x.0/24 that no network on the engine uses. */
async function freeAgentPrefix(): Promise<string> {
  const used = new Set((await docker.listNetworks()).flatMap((n) => (n.IPAM?.Config ?? []).map((c) => c.Subnet)));
  for (let i = 0; i < 300; i++) {
    const x = 1 + Math.floor(Math.random() * 250);
    if (!used.has(`10.253.${x}.0/24`)) return `10.253.${x}`;
  }
  throw new Error('no free 10.253.x.0/24');
}

async function emulatorLogs(): Promise<string> {
  if (!emulatorId) return '';
  const buf = (await docker.getContainer(emulatorId).logs({ stdout: true, stderr: true, tail: 50 })) as unknown as Buffer;
  return buf.toString('utf8');
}

beforeAll(async () => {
  const t0 = Date.now();
  const step = (what: string) => console.error(`[compose-test] ${what} at ${Date.now() - t0} ms`);
  await ensureNodeImage(docker);
  step('image');
  execFileSync('npx', ['tsc', '-p', 'tsconfig.build.json', '--outDir', buildDir], { cwd: ROOT, stdio: 'pipe' });

  step('build');
  // The emulator's state, seeded with a VPC and subnet of this test's own.
  const subnet = await freeTestSubnet();
  subnetCidr = subnet.cidr;
  stateDir = await fs.mkdtemp(path.join(os.tmpdir(), 'fl-compose-'));
  const doc = emptyDocument();
  const region = emptyRegionState();
  subnetId = seedTestVpc(region, instanceId, subnet.cidr);
  doc.schemaVersion = SCHEMA_VERSION;
  doc.scopes['000000000000/us-east-1'] = region;
  await fs.writeFile(path.join(stateDir, 'state.json'), JSON.stringify(doc));

  // What docker-compose.yml declares: the project's default network (publishes the API) and the agent network.
  agentPrefix = await freeAgentPrefix();
  await docker.createNetwork({ Name: frontName, Driver: 'bridge', Labels: LABELS });
  await docker.createNetwork({
    Name: agentName,
    Driver: 'bridge',
    Internal: true,
    IPAM: { Driver: 'default', Config: [{ Subnet: `${agentPrefix}.0/24`, Gateway: `${agentPrefix}.1`, IPRange: `${agentPrefix}.128/25` }] },
    Labels: { ...LABELS, 'fargate-local.role': 'agent-network' },
  });
  const emulator = await docker.createContainer({
    name: `fl-${instanceId}-emulator`,
    Image: NODE_IMAGE,
    Cmd: [
      'node',
      path.join(buildDir, 'cli', 'main.js'),
      '--host',
      '0.0.0.0',
      '--port',
      '4599',
      '--data-dir',
      '/state',
      '--instance-id',
      instanceId,
      '--log-level',
      'info',
      '--agent-network',
      agentName,
      '--metadata-address',
      `${agentPrefix}.2`,
    ],
    Labels: LABELS,
    ExposedPorts: { '4599/tcp': {} },
    HostConfig: {
      NetworkMode: frontName,
      PortBindings: { '4599/tcp': [{ HostIp: '127.0.0.1', HostPort: '' }] },
      Binds: [`${ROOT}:${ROOT}:ro`, '/var/run/docker.sock:/var/run/docker.sock', `${stateDir}:/state`],
    },
  });
  emulatorId = emulator.id;
  step('created');
  await docker
    .getNetwork(agentName)
    .connect({ Container: emulator.id, EndpointConfig: { IPAMConfig: { IPv4Address: `${agentPrefix}.2` } } });
  await emulator.start();
  step('started');
  const info = await emulator.inspect();
  const port = info.NetworkSettings.Ports['4599/tcp']![0]!.HostPort;
  ecs = new ECSClient({
    endpoint: `http://127.0.0.1:${port}`,
    region: 'us-east-1',
    credentials: { accessKeyId: 'AKIDTEST', secretAccessKey: 'test' },
    maxAttempts: 1,
  });
  const deadline = Date.now() + 30_000;
  for (;;) {
    try {
      await ecs.send(new ListClustersCommand({}));
      break;
    } catch (err) {
      if (Date.now() > deadline) throw new Error(`the emulator did not answer: ${String(err)}\n${await emulatorLogs()}`);
      await new Promise((r) => setTimeout(r, 250));
    }
  }
}, 180_000);

afterAll(async () => {
  ecs?.destroy();
  if (emulatorId)
    await docker
      .getContainer(emulatorId)
      .remove({ force: true })
      .catch(() => undefined);
  await sweep(instanceId);
  await fs.rm(buildDir, { recursive: true, force: true });
  if (stateDir) await fs.rm(stateDir, { recursive: true, force: true });
});

it('a task of the containerized emulator reads its metadata and credentials from it, over the existing agent network', async () => {
  await ecs.send(
    new RegisterTaskDefinitionCommand({
      family: 'compose-app',
      requiresCompatibilities: ['FARGATE'],
      networkMode: 'awsvpc',
      cpu: '256',
      memory: '512',
      taskRoleArn: 'arn:aws:iam::000000000000:role/app',
      containerDefinitions: [{ name: 'app', image: BUSYBOX_IMAGE, command: ['sleep', '300'], stopTimeout: 2 }],
    }),
  );
  const { tasks } = await ecs.send(
    new RunTaskCommand({
      taskDefinition: 'compose-app',
      launchType: 'FARGATE',
      networkConfiguration: { awsvpcConfiguration: { subnets: [subnetId] } },
    }),
  );
  const taskArn = tasks![0]!.taskArn!;
  try {
    await waitUntilTasksRunning({ client: ecs, maxWaitTime: 60, minDelay: 1, maxDelay: 1 }, { tasks: [taskArn] });
  } catch (err) {
    throw new Error(`${String(err)}\n${await emulatorLogs()}`);
  }
  const taskId = taskArn.split('/').pop()!;
  const [app] = await docker.listContainers({ filters: { label: [`fargate-local.task-id=${taskId}`, 'fargate-local.role=app'] } });
  const [pause] = await docker.listContainers({ filters: { label: [`fargate-local.task-id=${taskId}`, 'fargate-local.role=pause'] } });
  // The sandbox joined the compose network, not a network of its own making.
  expect(Object.keys(pause!.NetworkSettings.Networks).sort()).toEqual(
    [`fargate-local-${instanceId}-vpc-${instanceId.slice(-8)}`, agentName].sort(),
  );
  expect(Object.keys(pause!.NetworkSettings.Networks)).not.toContain(DEFAULT_AGENT_NETWORK.name);

  const env = await containerEnv(app!.Id);
  expect(env.ECS_CONTAINER_METADATA_URI_V4).toMatch(
    new RegExp(`^http://${agentPrefix.replaceAll('.', '\\.')}\\.2/v4/[0-9a-f]{32}-\\d{10}$`),
  );
  expect(env.AWS_CONTAINER_CREDENTIALS_FULL_URI).toMatch(new RegExp(`^http://${agentPrefix.replaceAll('.', '\\.')}\\.2/v2/credentials/`));
  const metadata = await wgetJson<{ Networks: { IPv4Addresses: string[] }[]; Name: string }>(app!.Id, env.ECS_CONTAINER_METADATA_URI_V4!);
  expect(metadata.Name).toBe('app');
  const eth0 = await exec(app!.Id, ['ip', '-4', '-o', 'addr', 'show', 'dev', 'eth0']);
  const ip = metadata.Networks[0]!.IPv4Addresses[0]!;
  expect(eth0.stdout).toContain(`inet ${ip}/24`);
  expect(ip.startsWith(subnetCidr.split('.').slice(0, 3).join('.'))).toBe(true);
  const credentials = await wgetJson<{ RoleArn: string; AccessKeyId: string }>(app!.Id, env.AWS_CONTAINER_CREDENTIALS_FULL_URI!);
  expect(credentials).toMatchObject({ RoleArn: 'arn:aws:iam::000000000000:role/app', AccessKeyId: expect.stringMatching(/^ASIA/) });
  // The task's default route is its subnet's; the agent network is only for the metadata endpoint.
  const routes = await exec(app!.Id, ['ip', '-4', 'route']);
  expect(routes.stdout).toMatch(new RegExp(`^default via ${subnetCidr.split('.').slice(0, 3).join('\\.')}\\.1 dev eth0`, 'm'));

  await ecs.send(new StopTaskCommand({ task: taskArn }));
  await waitUntilTasksStopped({ client: ecs, maxWaitTime: 60, minDelay: 1, maxDelay: 1 }, { tasks: [taskArn] });
});
