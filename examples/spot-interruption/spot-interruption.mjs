// @ts-check
// Fargate Spot interruption, end to end, against a running fargate-local:
//   1. a cluster whose default capacity provider strategy is FARGATE_SPOT, and a service of two tasks on it;
//   2. one task is interrupted: ECS sends the warning ("ECS Task State Change", desiredStatus STOPPED) and SIGTERM;
//      the app drains and exits 0 (what does not exit is killed when the grace period ends);
//   3. the task stops with stopCode SpotInterruption, and the service scheduler starts a replacement on Spot.
//
// Run (from a clone, after `npm ci && npm run build`, with `npm start` running in another terminal):
//   SUBNETS=subnet-... node examples/spot-interruption/spot-interruption.mjs
// SUBNETS: comma-separated subnet ids of the emulator's default VPC. FARGATE_LOCAL_ENDPOINT (default
// http://127.0.0.1:4599) and IMAGE (default busybox:latest; any image with /bin/sh) are optional.
import {
  CreateClusterCommand,
  CreateServiceCommand,
  DeleteClusterCommand,
  DeleteServiceCommand,
  DescribeTasksCommand,
  ECSClient,
  ListTasksCommand,
  RegisterTaskDefinitionCommand,
  waitUntilServicesInactive,
  waitUntilServicesStable,
  waitUntilTasksStopped,
} from '@aws-sdk/client-ecs';
import { FargateLocalControl } from 'fargate-local/client';

const endpoint = process.env.FARGATE_LOCAL_ENDPOINT ?? 'http://127.0.0.1:4599';
const subnets = (process.env.SUBNETS ?? '').split(',').filter(Boolean);
const image = process.env.IMAGE ?? 'busybox:latest';
if (subnets.length === 0) {
  console.error('Set SUBNETS to the subnet ids to run the tasks in (comma-separated).');
  process.exit(2);
}

const ecs = new ECSClient({ endpoint, region: 'us-east-1', credentials: { accessKeyId: 'test', secretAccessKey: 'test' } });
const control = new FargateLocalControl(endpoint);
const cluster = `spot-demo-${Date.now().toString(36)}`;
const service = 'web';
// Poll every second: the emulator is quicker than AWS, for which the SDK waiters' defaults are made.
const wait = { client: ecs, maxWaitTime: 180, minDelay: 1, maxDelay: 1 };
const shortId = (/** @type {string} */ arn) => arn.split('/').pop();
const started = Date.now();
const log = (/** @type {string} */ line) => console.log(`[${((Date.now() - started) / 1000).toFixed(1).padStart(5)} s] ${line}`);

/** The service's tasks that are meant to run, described. */
async function serviceTasks() {
  const { taskArns = [] } = await ecs.send(new ListTasksCommand({ cluster, serviceName: service }));
  if (taskArns.length === 0) return [];
  return (await ecs.send(new DescribeTasksCommand({ cluster, tasks: taskArns }))).tasks ?? [];
}

await ecs.send(
  new CreateClusterCommand({
    clusterName: cluster,
    capacityProviders: ['FARGATE', 'FARGATE_SPOT'],
    defaultCapacityProviderStrategy: [{ capacityProvider: 'FARGATE_SPOT', weight: 1 }],
  }),
);
const { taskDefinition } = await ecs.send(
  new RegisterTaskDefinitionCommand({
    family: 'spot-demo',
    requiresCompatibilities: ['FARGATE'],
    networkMode: 'awsvpc',
    cpu: '256',
    memory: '512',
    containerDefinitions: [
      {
        name: 'app',
        image,
        essential: true,
        // A worker that finishes its current job and exits 0 when it gets SIGTERM.
        command: ['sh', '-c', "trap 'echo draining; exit 0' TERM; while true; do sleep 1 & wait $!; done"],
      },
    ],
  }),
);
try {
  await ecs.send(
    new CreateServiceCommand({
      cluster,
      serviceName: service,
      taskDefinition: taskDefinition?.taskDefinitionArn,
      desiredCount: 2,
      networkConfiguration: { awsvpcConfiguration: { subnets } },
    }),
  );
  await waitUntilServicesStable(wait, { cluster, services: [service] });
  const before = await serviceTasks();
  log(`service ${service} is steady: ${before.map((t) => `${shortId(t.taskArn ?? '')} on ${t.capacityProviderName}`).join(', ')}`);

  const victim = before[0]?.taskArn ?? '';
  log(`interrupting ${shortId(victim)}`);
  const warning = await control.waitForEvent(
    (e) => e['detail-type'] === 'ECS Task State Change' && e.resources[0] === victim && e.detail.desiredStatus === 'STOPPED',
    { timeoutMs: 30_000, onOpen: () => control.interruptSpot({ cluster, task: victim }) },
  );
  log(
    `warning event: ${warning['detail-type']}, lastStatus ${warning.detail.lastStatus}, desiredStatus ${warning.detail.desiredStatus}, "${warning.detail.stoppedReason}"`,
  );

  await waitUntilTasksStopped(wait, { cluster, tasks: [victim] });
  const [stopped] = (await ecs.send(new DescribeTasksCommand({ cluster, tasks: [victim] }))).tasks ?? [];
  log(
    `${shortId(victim)} STOPPED: stopCode ${stopped?.stopCode}, "${stopped?.stoppedReason}", app exit code ${stopped?.containers?.[0]?.exitCode}`,
  );

  await waitUntilServicesStable(wait, { cluster, services: [service] });
  const after = await serviceTasks();
  const replacement = after.find((t) => !before.some((b) => b.taskArn === t.taskArn));
  log(
    `replacement ${shortId(replacement?.taskArn ?? '')} is ${replacement?.lastStatus} on ${replacement?.capacityProviderName}; the service runs ${after.length} of 2 again`,
  );
} finally {
  await ecs.send(new DeleteServiceCommand({ cluster, service, force: true })).catch(() => undefined);
  await waitUntilServicesInactive(wait, { cluster, services: [service] }).catch(() => undefined);
  await ecs.send(new DeleteClusterCommand({ cluster })).catch(() => undefined);
  ecs.destroy();
}
