// @ts-check
// A user's vitest suite against fargate-local/testing: one emulator for the file, a clean slate per test.
//   npx vitest run --root examples/testing-vitest      (from a clone, after `npm ci && npm run build`)
// IMAGE (default busybox:latest; any image with /bin/sh) and a Docker engine are all it needs.
import { CloudWatchLogsClient, GetLogEventsCommand } from '@aws-sdk/client-cloudwatch-logs';
import { DescribeSubnetsCommand, EC2Client } from '@aws-sdk/client-ec2';
import {
  CreateClusterCommand,
  DescribeTasksCommand,
  ECSClient,
  ListClustersCommand,
  RegisterTaskDefinitionCommand,
  RunTaskCommand,
  waitUntilTasksStopped,
} from '@aws-sdk/client-ecs';
import { startFargateLocal } from 'fargate-local/testing';
import { afterAll, afterEach, beforeAll, expect, test } from 'vitest';

const image = process.env.IMAGE ?? 'busybox:latest';
/** @type {import('fargate-local/testing').FargateLocal} */
let emulator;
/** @type {ECSClient} */
let ecs;

beforeAll(async () => {
  emulator = await startFargateLocal();
  ecs = new ECSClient(emulator.clients.ecs);
});
afterEach(() => emulator.reset());
afterAll(async () => {
  ecs?.destroy();
  await emulator?.stop();
});

/** The default VPC's first subnet, as a task would be given it. */
async function subnet() {
  const ec2 = new EC2Client(emulator.clients.ec2);
  const { Subnets } = await ec2.send(new DescribeSubnetsCommand({ Filters: [{ Name: 'default-for-az', Values: ['true'] }] }));
  ec2.destroy();
  return /** @type {string} */ (Subnets?.[0]?.SubnetId);
}

test('a task runs, exits 0, and its output is in CloudWatch Logs', async () => {
  await ecs.send(new CreateClusterCommand({ clusterName: 'app' }));
  await ecs.send(
    new RegisterTaskDefinitionCommand({
      family: 'hello',
      requiresCompatibilities: ['FARGATE'],
      networkMode: 'awsvpc',
      cpu: '256',
      memory: '512',
      executionRoleArn: 'arn:aws:iam::000000000000:role/ecsTaskExecutionRole',
      containerDefinitions: [
        {
          name: 'app',
          image,
          command: ['sh', '-c', 'echo hello from $ECS_CONTAINER_METADATA_URI_V4'],
          logConfiguration: {
            logDriver: 'awslogs',
            options: {
              'awslogs-group': '/ecs/hello',
              'awslogs-region': emulator.region,
              'awslogs-stream-prefix': 'ecs',
              'awslogs-create-group': 'true',
            },
          },
        },
      ],
    }),
  );
  const { tasks } = await ecs.send(
    new RunTaskCommand({
      cluster: 'app',
      taskDefinition: 'hello',
      launchType: 'FARGATE',
      networkConfiguration: { awsvpcConfiguration: { subnets: [await subnet()] } },
    }),
  );
  const taskArn = /** @type {string} */ (tasks?.[0]?.taskArn);
  await waitUntilTasksStopped({ client: ecs, maxWaitTime: 120 }, { cluster: 'app', tasks: [taskArn] });
  const stopped = (await ecs.send(new DescribeTasksCommand({ cluster: 'app', tasks: [taskArn] }))).tasks?.[0];
  expect(stopped?.stopCode).toBe('EssentialContainerExited');
  expect(stopped?.containers?.[0]?.exitCode).toBe(0);

  const logs = new CloudWatchLogsClient(emulator.clients.logs);
  const { events } = await logs.send(
    new GetLogEventsCommand({ logGroupName: '/ecs/hello', logStreamName: `ecs/app/${taskArn.split('/').pop()}`, startFromHead: true }),
  );
  logs.destroy();
  expect(events?.map((e) => e.message)).toEqual([expect.stringMatching(/^hello from http:\/\/169\.254\.170\.2\/v4\//)]);
});

test('each test starts from a clean slate', async () => {
  expect((await ecs.send(new ListClustersCommand({}))).clusterArns).toEqual([]);
});
