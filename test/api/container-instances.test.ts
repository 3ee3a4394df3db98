// The container-instance side of the ECS API (instances, attributes, StartTask, the agent's calls) and ECS Exec,
// through the SDK, as AWS answers an account that runs only Fargate: there are no container instances.
import {
  CreateClusterCommand,
  DeleteAttributesCommand,
  DeregisterContainerInstanceCommand,
  DescribeClustersCommand,
  DescribeContainerInstancesCommand,
  DiscoverPollEndpointCommand,
  ExecuteCommandCommand,
  ListAttributesCommand,
  ListContainerInstancesCommand,
  PutAttributesCommand,
  RegisterContainerInstanceCommand,
  RunTaskCommand,
  StartTaskCommand,
  SubmitAttachmentStateChangesCommand,
  SubmitContainerStateChangeCommand,
  SubmitTaskStateChangeCommand,
  UpdateContainerAgentCommand,
  UpdateContainerInstancesStateCommand,
  waitUntilTasksRunning,
} from '@aws-sdk/client-ecs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultVpc } from '../../src/domain/network/vpc.js';
import { expectEcsError } from '../support/ecs-error.js';
import { startTestEmulator, uniqueName, type TestEmulator } from '../support/emulator.js';
import { storeTaskDefinition } from '../support/task-definitions.js';

const scope = { accountId: '000000000000', region: 'us-east-1' };
const subnet = defaultVpc(scope, 0).subnets[0]!.subnetId;
const ciArn = (cluster: string, id: string) => `arn:aws:ecs:us-east-1:000000000000:container-instance/${cluster}/${id}`;
const INSTANCE_ID = 'f6bbb1475370ace8c73c7181ded911f0';

let emu: TestEmulator;
let cluster: string;
let family: string;

beforeAll(async () => {
  emu = await startTestEmulator();
  cluster = uniqueName('ci');
  await emu.ecs.send(new CreateClusterCommand({ clusterName: cluster }));
  family = uniqueName('ci-td');
  storeTaskDefinition(emu.deps.store, scope, family, [
    { name: 'app', image: 'busybox' },
    { name: 'side', image: 'busybox', essential: false },
  ]);
});
afterAll(() => emu.close());

describe('ListContainerInstances', () => {
  it('lists none, for any status filter', async () => {
    expect((await emu.ecs.send(new ListContainerInstancesCommand({ cluster }))).containerInstanceArns).toEqual([]);
    const draining = await emu.ecs.send(new ListContainerInstancesCommand({ cluster, status: 'DRAINING', maxResults: 5 }));
    expect(draining.containerInstanceArns).toEqual([]);
    expect(draining.nextToken).toBeUndefined();
  });

  it('checks the cluster and maxResults', async () => {
    await expectEcsError(
      emu.ecs.send(new ListContainerInstancesCommand({ cluster: uniqueName('nope') })),
      'ClusterNotFoundException',
      'Cluster not found.',
    );
    await expectEcsError(emu.ecs.send(new ListContainerInstancesCommand({ cluster, maxResults: 101 })), 'InvalidParameterException');
  });
});

describe('DescribeContainerInstances', () => {
  it('reports each instance named as MISSING, by its ARN', async () => {
    const arn = ciArn(cluster, 'a1b2');
    const out = await emu.ecs.send(new DescribeContainerInstancesCommand({ cluster, containerInstances: [INSTANCE_ID, arn] }));
    expect(out.containerInstances).toEqual([]);
    expect(out.failures).toEqual([
      { arn: ciArn(cluster, INSTANCE_ID), reason: 'MISSING' },
      { arn, reason: 'MISSING' },
    ]);
  });

  it('refuses an empty list and an unknown cluster', async () => {
    await expectEcsError(
      emu.ecs.send(new DescribeContainerInstancesCommand({ cluster, containerInstances: [] })),
      'InvalidParameterException',
    );
    await expectEcsError(
      emu.ecs.send(new DescribeContainerInstancesCommand({ cluster: uniqueName('nope'), containerInstances: [INSTANCE_ID] })),
      'ClusterNotFoundException',
    );
  });
});

describe('RegisterContainerInstance, DeregisterContainerInstance, UpdateContainerAgent', () => {
  it('registers nothing: no EC2 identity document can be valid here, and the cluster stays empty', async () => {
    await expectEcsError(
      emu.ecs.send(new RegisterContainerInstanceCommand({ cluster, instanceIdentityDocument: '{"instanceId":"i-0123"}' })),
      'ClientException',
      'The identity document and identity document signature were not valid.',
    );
    const { clusters } = await emu.ecs.send(new DescribeClustersCommand({ clusters: [cluster] }));
    expect(clusters?.[0]?.registeredContainerInstancesCount).toBe(0);
    expect((await emu.ecs.send(new ListContainerInstancesCommand({ cluster }))).containerInstanceArns).toEqual([]);
  });

  it('finds no instance to deregister or update', async () => {
    await expectEcsError(
      emu.ecs.send(new DeregisterContainerInstanceCommand({ cluster, containerInstance: INSTANCE_ID, force: true })),
      'InvalidParameterException',
      'Container instance not found.',
    );
    await expectEcsError(
      emu.ecs.send(new UpdateContainerAgentCommand({ cluster, containerInstance: INSTANCE_ID })),
      'InvalidParameterException',
      'Container instance not found.',
    );
    await expectEcsError(
      emu.ecs.send(new UpdateContainerAgentCommand({ cluster: uniqueName('nope'), containerInstance: INSTANCE_ID })),
      'ClusterNotFoundException',
    );
  });
});

describe('UpdateContainerInstancesState', () => {
  it('reports each instance as MISSING and takes at most 10', async () => {
    const out = await emu.ecs.send(
      new UpdateContainerInstancesStateCommand({ cluster, containerInstances: [INSTANCE_ID], status: 'DRAINING' }),
    );
    expect(out).toMatchObject({ containerInstances: [], failures: [{ arn: ciArn(cluster, INSTANCE_ID), reason: 'MISSING' }] });
    const eleven = Array.from({ length: 11 }, (_, i) => `id${i}`);
    await expectEcsError(
      emu.ecs.send(new UpdateContainerInstancesStateCommand({ cluster, containerInstances: eleven, status: 'ACTIVE' })),
      'InvalidParameterException',
      'instanceIds can have at most 10 items.',
    );
  });
});

describe('attributes', () => {
  it('has none to list', async () => {
    const out = await emu.ecs.send(new ListAttributesCommand({ cluster, targetType: 'container-instance', attributeName: 'stack' }));
    expect(out.attributes).toEqual([]);
    await expectEcsError(
      emu.ecs.send(new ListAttributesCommand({ cluster, targetType: 'container-instance', attributeValue: 'production' })),
      'InvalidParameterException',
    );
  });

  it('finds no target to put an attribute on or delete it from', async () => {
    const targetId = ciArn(cluster, INSTANCE_ID);
    const attributes = [{ name: 'stack', value: 'production', targetId }];
    const put = await expectEcsError(emu.ecs.send(new PutAttributesCommand({ cluster, attributes })), 'TargetNotFoundException');
    expect(put.message).toContain(targetId);
    await expectEcsError(emu.ecs.send(new DeleteAttributesCommand({ cluster, attributes })), 'TargetNotFoundException');
    await expectEcsError(
      emu.ecs.send(new PutAttributesCommand({ cluster, attributes: Array.from({ length: 11 }, (_, i) => ({ name: `a${i}`, targetId })) })),
      'InvalidParameterException',
      'attributes can have at most 10 items.',
    );
    await expectEcsError(emu.ecs.send(new PutAttributesCommand({ cluster: uniqueName('nope'), attributes })), 'ClusterNotFoundException');
  });
});

describe('StartTask', () => {
  it('starts nothing: each container instance named is MISSING', async () => {
    const out = await emu.ecs.send(new StartTaskCommand({ cluster, taskDefinition: family, containerInstances: [INSTANCE_ID] }));
    expect(out).toMatchObject({ tasks: [], failures: [{ arn: ciArn(cluster, INSTANCE_ID), reason: 'MISSING' }] });
  });

  it('checks the task definition first', async () => {
    await expectEcsError(
      emu.ecs.send(new StartTaskCommand({ cluster, taskDefinition: uniqueName('none'), containerInstances: [INSTANCE_ID] })),
      'InvalidParameterException',
      'TaskDefinition not found.',
    );
  });
});

describe('the agent calls', () => {
  it('DiscoverPollEndpoint names the regional agent endpoints', async () => {
    const out = await emu.client({ region: 'eu-west-1' }).send(new DiscoverPollEndpointCommand({ cluster }));
    expect(out).toMatchObject({
      endpoint: 'https://ecs-a-1.eu-west-1.amazonaws.com/',
      telemetryEndpoint: 'https://ecs-t-1.eu-west-1.amazonaws.com/',
      serviceConnectEndpoint: 'https://ecs-sc.eu-west-1.api.aws',
    });
  });

  it('Submit* calls are refused: no agent runs here', async () => {
    for (const call of [
      new SubmitTaskStateChangeCommand({ cluster, task: 'abc', status: 'RUNNING' }),
      new SubmitContainerStateChangeCommand({ cluster, task: 'abc', containerName: 'app', status: 'RUNNING' }),
      new SubmitAttachmentStateChangesCommand({ cluster, attachments: [{ attachmentArn: 'arn:aws:ecs:x', status: 'ATTACHED' }] }),
    ]) {
      await expectEcsError(emu.ecs.send(call as never), 'AccessDeniedException');
    }
  });
});

describe('ExecuteCommand', () => {
  async function runTask(enableExecuteCommand: boolean): Promise<string> {
    const { tasks } = await emu.ecs.send(
      new RunTaskCommand({
        cluster,
        taskDefinition: family,
        launchType: 'FARGATE',
        enableExecuteCommand,
        networkConfiguration: { awsvpcConfiguration: { subnets: [subnet] } },
      }),
    );
    const taskArn = tasks![0]!.taskArn!;
    await waitUntilTasksRunning({ client: emu.ecs, maxWaitTime: 20, minDelay: 1, maxDelay: 1 }, { cluster, tasks: [taskArn] });
    return taskArn;
  }

  it('answers as AWS does for a task run without enableExecuteCommand', async () => {
    const task = await runTask(false);
    await expectEcsError(
      emu.ecs.send(new ExecuteCommandCommand({ cluster, task, container: 'app', command: 'sh', interactive: true })),
      'InvalidParameterException',
      /^The execute command failed because execute command was not enabled when the task was run/,
    );
  });

  it('points at fargate-local exec for a task run with it, and checks the request', async () => {
    const task = await runTask(true);
    const err = await expectEcsError(
      emu.ecs.send(new ExecuteCommandCommand({ cluster, task, command: 'sh', interactive: true })),
      'TargetNotConnectedException',
    );
    expect(err.message).toContain('fargate-local exec');
    await expectEcsError(
      emu.ecs.send(new ExecuteCommandCommand({ cluster, task, command: 'sh', interactive: false })),
      'InvalidParameterException',
      'Interactive is the only mode supported currently.',
    );
    await expectEcsError(
      emu.ecs.send(new ExecuteCommandCommand({ cluster, task, container: 'nope', command: 'sh', interactive: true })),
      'InvalidParameterException',
    );
    await expectEcsError(
      emu.ecs.send(new ExecuteCommandCommand({ cluster, task: '0123456789abcdef0123456789abcdef', command: 'sh', interactive: true })),
      'InvalidParameterException',
      'The specified task was not found.',
    );
  });
});
