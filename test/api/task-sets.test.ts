// Task sets and the EXTERNAL and CODE_DEPLOY deployment controllers, through the SDK and the AWS CLI, on the
// in-memory runtime: a task set runs its scale of the service's desiredCount (rounded up) with its own task
// definition and target group, reports its stability, becomes primary, drains on DeleteTaskSet; AWS's errors.
import { DescribeTargetHealthCommand, type ElasticLoadBalancingV2Client } from '@aws-sdk/client-elastic-load-balancing-v2';
import {
  CreateServiceCommand,
  CreateTaskSetCommand,
  DeleteTaskSetCommand,
  DescribeTaskSetsCommand,
  StopTaskCommand,
  UpdateServiceCommand,
  UpdateServicePrimaryTaskSetCommand,
  UpdateTaskSetCommand,
  type TaskSet,
} from '@aws-sdk/client-ecs';
import {
  CreatePrivateDnsNamespaceCommand,
  CreateServiceCommand as CreateRegistryCommand,
  DiscoverInstancesCommand,
  GetOperationCommand,
  ServiceDiscoveryClient,
} from '@aws-sdk/client-servicediscovery';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultVpc } from '../../src/domain/network/vpc.js';
import { awsCliFor, type AwsCli } from '../support/aws-cli.js';
import { expectEcsError } from '../support/ecs-error.js';
import { startTestEmulator, uniqueName, type TestEmulator } from '../support/emulator.js';
import { elbv2Client, targetGroupBehindListener } from '../support/elbv2.js';
import { describeService, eventually, fargateCluster, runningTasksOf } from '../support/services.js';
import { storeTaskDefinition } from '../support/task-definitions.js';

const scope = { accountId: '000000000000', region: 'us-east-1' };
const network = {
  awsvpcConfiguration: {
    subnets: defaultVpc(scope, 0)
      .subnets.map((s) => s.subnetId)
      .slice(0, 2),
  },
};

let emu: TestEmulator;
let elb: ElasticLoadBalancingV2Client;
let aws: AwsCli;
let sd: ServiceDiscoveryClient;
let family: string;
beforeAll(async () => {
  emu = await startTestEmulator({}, { healthProbe: async () => ({ ok: true }) });
  elb = elbv2Client(emu.endpoint);
  sd = new ServiceDiscoveryClient({
    endpoint: emu.endpoint,
    region: 'us-east-1',
    credentials: { accessKeyId: 'AKIDTEST', secretAccessKey: 'test' },
    maxAttempts: 1,
    disableHostPrefix: true,
  });
  aws = await awsCliFor(emu.endpoint);
  family = uniqueName('ts');
  storeTaskDefinition(emu.deps.store, scope, family, [{ name: 'web', image: 'busybox', portMappings: [{ containerPort: 8080 }] }]);
  storeTaskDefinition(emu.deps.store, scope, family, [{ name: 'web', image: 'busybox:2', portMappings: [{ containerPort: 8080 }] }]);
});
afterAll(async () => {
  sd.destroy();
  elb.destroy();
  aws.dispose();
  await emu.close();
});

async function externalService(desiredCount: number): Promise<string> {
  const cluster = await fargateCluster(emu.ecs, 'ext');
  const out = await emu.ecs.send(
    new CreateServiceCommand({ cluster, serviceName: 'web', desiredCount, deploymentController: { type: 'EXTERNAL' } }),
  );
  expect(out.service?.deploymentController).toEqual({ type: 'EXTERNAL' });
  expect(out.service?.taskSets).toEqual([]);
  expect(out.service?.taskDefinition).toBeUndefined();
  return cluster;
}

const taskSetsOf = async (cluster: string, taskSets?: string[]) =>
  emu.ecs.send(new DescribeTaskSetsCommand({ cluster, service: 'web', ...(taskSets ? { taskSets } : {}) }));

async function steady(cluster: string, id: string, count: number): Promise<TaskSet> {
  return eventually(
    async () => {
      const ts = (await taskSetsOf(cluster, [id])).taskSets?.[0];
      return ts?.stabilityStatus === 'STEADY_STATE' && ts.runningCount === count && ts.computedDesiredCount === count && ts;
    },
    20_000,
    `task set ${id} steady with ${count} tasks`,
  );
}

describe('task sets on the EXTERNAL deployment controller', () => {
  it('runs scale percent of desiredCount (rounded up), becomes primary, scales and drains', { timeout: 60_000 }, async () => {
    const cluster = await externalService(3);
    const created = await emu.ecs.send(
      new CreateTaskSetCommand({
        cluster,
        service: 'web',
        taskDefinition: `${family}:1`,
        launchType: 'FARGATE',
        networkConfiguration: network,
        scale: { value: 50, unit: 'PERCENT' },
        externalId: 'blue',
      }),
    );
    const blue = created.taskSet!;
    expect(blue).toMatchObject({ status: 'ACTIVE', computedDesiredCount: 2, externalId: 'blue', scale: { value: 50, unit: 'PERCENT' } });
    expect(blue.id).toMatch(/^ecs-svc\/\d{19}$/);
    expect(blue.taskSetArn).toBe(`arn:aws:ecs:us-east-1:000000000000:task-set/${cluster}/web/${blue.id}`);
    await steady(cluster, blue.id!, 2);
    const tasks = await runningTasksOf(emu.ecs, cluster, 'web');
    expect(tasks.map((t) => t.startedBy)).toEqual([blue.id, blue.id]);
    expect((await describeService(emu.ecs, cluster, 'web')).runningCount).toBe(2);

    await emu.ecs.send(new UpdateTaskSetCommand({ cluster, service: 'web', taskSet: blue.id, scale: { value: 100, unit: 'PERCENT' } }));
    await steady(cluster, blue.id!, 3);

    const primary = await emu.ecs.send(
      new UpdateServicePrimaryTaskSetCommand({ cluster, service: 'web', primaryTaskSet: blue.taskSetArn }),
    );
    expect(primary.taskSet?.status).toBe('PRIMARY');
    const svc = await describeService(emu.ecs, cluster, 'web');
    expect(svc.taskDefinition).toMatch(new RegExp(`task-definition/${family}:1$`));
    expect(svc.launchType).toBe('FARGATE');
    expect(svc.deployments).toEqual([]);
    expect(svc.taskSets?.map((t) => t.status)).toEqual(['PRIMARY']);

    const green = (
      await emu.ecs.send(
        new CreateTaskSetCommand({
          cluster,
          service: 'web',
          taskDefinition: `${family}:2`,
          launchType: 'FARGATE',
          networkConfiguration: network,
          scale: { value: 10, unit: 'PERCENT' },
        }),
      )
    ).taskSet!;
    await steady(cluster, green.id!, 1);
    await emu.ecs.send(new UpdateServicePrimaryTaskSetCommand({ cluster, service: 'web', primaryTaskSet: green.id }));
    const both = await describeService(emu.ecs, cluster, 'web');
    expect(Object.fromEntries(both.taskSets!.map((t) => [t.id, t.status]))).toEqual({ [blue.id!]: 'ACTIVE', [green.id!]: 'PRIMARY' });
    expect(both.taskDefinition).toMatch(new RegExp(`task-definition/${family}:2$`));

    await expectEcsError(
      emu.ecs.send(new DeleteTaskSetCommand({ cluster, service: 'web', taskSet: blue.id })),
      'InvalidParameterException',
      /scaled down to zero/,
    );
    const deleted = await emu.ecs.send(new DeleteTaskSetCommand({ cluster, service: 'web', taskSet: blue.id, force: true }));
    expect(deleted.taskSet?.status).toBe('DRAINING');
    await eventually(async () => (await taskSetsOf(cluster)).taskSets?.length === 1, 20_000, 'the drained task set gone');
    const left = await eventually(async () => {
      const t = await runningTasksOf(emu.ecs, cluster, 'web');
      return t.length === 1 && t;
    });
    expect(left[0]?.startedBy).toBe(green.id);
  });

  it('answers AWS errors for unknown task sets, services and the ECS controller', async () => {
    const cluster = await externalService(1);
    await expectEcsError(
      emu.ecs.send(new UpdateTaskSetCommand({ cluster, service: 'web', taskSet: 'ecs-svc/1234567890123456789', scale: { value: 1 } })),
      'TaskSetNotFoundException',
    );
    await expectEcsError(
      emu.ecs.send(new DeleteTaskSetCommand({ cluster, service: 'web', taskSet: 'ecs-svc/1234567890123456789' })),
      'TaskSetNotFoundException',
    );
    await expectEcsError(
      emu.ecs.send(new UpdateServicePrimaryTaskSetCommand({ cluster, service: 'web', primaryTaskSet: 'nope' })),
      'TaskSetNotFoundException',
    );
    await expectEcsError(
      emu.ecs.send(new CreateTaskSetCommand({ cluster, service: 'nope', taskDefinition: `${family}:1` })),
      'ServiceNotFoundException',
    );
    await expectEcsError(
      emu.ecs.send(
        new CreateTaskSetCommand({ cluster, service: 'web', taskDefinition: `${family}:1`, scale: { value: 101, unit: 'PERCENT' } }),
      ),
      'InvalidParameterException',
    );
    const missing = await taskSetsOf(cluster, ['ecs-svc/1234567890123456789']);
    expect(missing).toMatchObject({ taskSets: [], failures: [{ arn: 'ecs-svc/1234567890123456789', reason: 'MISSING' }] });
    await expectEcsError(
      emu.ecs.send(new UpdateServiceCommand({ cluster, service: 'web', taskDefinition: `${family}:2` })),
      'InvalidParameterException',
      /EXTERNAL deployment controller/,
    );
    const scaled = await emu.ecs.send(new UpdateServiceCommand({ cluster, service: 'web', desiredCount: 4 }));
    expect(scaled.service?.desiredCount).toBe(4);

    await emu.ecs.send(
      new CreateServiceCommand({
        cluster,
        serviceName: 'rolling',
        taskDefinition: `${family}:1`,
        desiredCount: 0,
        launchType: 'FARGATE',
        networkConfiguration: network,
      }),
    );
    const ecsController = 'Amazon ECS only supports task set management on services configured to use external deployment controllers.';
    await expectEcsError(
      emu.ecs.send(new CreateTaskSetCommand({ cluster, service: 'rolling', taskDefinition: `${family}:1` })),
      'InvalidParameterException',
      ecsController,
    );
    await expectEcsError(
      emu.ecs.send(new DescribeTaskSetsCommand({ cluster, service: 'rolling', taskSets: ['ecs-svc/1234567890123456789'] })),
      'InvalidParameterException',
      ecsController,
    );
  });

  it('refuses the ARN of another resource in DescribeTaskSets, and a sixth task set', async () => {
    const cluster = await externalService(0);
    await expectEcsError(
      taskSetsOf(cluster, [`arn:aws:ecs:us-east-1:000000000000:task/${cluster}/0123456789abcdef0123456789abcdef`]),
      'InvalidParameterException',
      'Task Set Identifier is invalid',
    );
    const create = () =>
      emu.ecs.send(
        new CreateTaskSetCommand({
          cluster,
          service: 'web',
          taskDefinition: `${family}:1`,
          launchType: 'FARGATE',
          networkConfiguration: network,
        }),
      );
    for (let i = 0; i < 5; i++) await create();
    await expectEcsError(
      create(),
      'InvalidParameterException',
      '5 deployments exist on the service. Unable to create new TaskSet since this exceeds the maximum limit.',
    );
    expect((await taskSetsOf(cluster)).taskSets).toHaveLength(5);
  });

  it('works through the AWS CLI', { timeout: 30_000 }, async () => {
    const cluster = await externalService(2);
    const created = await aws.run([
      'ecs',
      'create-task-set',
      '--cluster',
      cluster,
      '--service',
      'web',
      '--task-definition',
      `${family}:1`,
      '--launch-type',
      'FARGATE',
      '--network-configuration',
      JSON.stringify(network),
      '--scale',
      'value=100,unit=PERCENT',
    ]);
    expect(created.code, created.stderr).toBe(0);
    const id = created.json.taskSet.id as string;
    await steady(cluster, id, 2);
    const described = await aws.run(['ecs', 'describe-task-sets', '--cluster', cluster, '--service', 'web']);
    expect(described.json.taskSets.map((t: TaskSet) => [t.id, t.stabilityStatus, t.runningCount])).toEqual([[id, 'STEADY_STATE', 2]]);
    const bad = await aws.run(['ecs', 'delete-task-set', '--cluster', cluster, '--service', 'web', '--task-set', 'nope']);
    expect(bad.code).not.toBe(0);
    expect(bad.stderr).toContain('TaskSetNotFoundException');
  });
});

/** A Cloud Map service (A and SRV records, custom health) in a new private namespace of the default VPC. */
async function registry() {
  const namespace = `${uniqueName('reg')}.internal`;
  const { OperationId } = await sd.send(new CreatePrivateDnsNamespaceCommand({ Name: namespace, Vpc: defaultVpc(scope, 0).vpc.vpcId }));
  const { Operation } = await sd.send(new GetOperationCommand({ OperationId }));
  const { Service } = await sd.send(
    new CreateRegistryCommand({
      Name: 'web',
      NamespaceId: Operation!.Targets!.NAMESPACE,
      DnsConfig: {
        DnsRecords: [
          { Type: 'A', TTL: 10 },
          { Type: 'SRV', TTL: 10 },
        ],
      },
      HealthCheckCustomConfig: { FailureThreshold: 1 },
    }),
  );
  return { namespace, arn: Service!.Arn! };
}

const instancesIn = async (namespace: string) =>
  (await sd.send(new DiscoverInstancesCommand({ NamespaceName: namespace, ServiceName: 'web', HealthStatus: 'ALL' }))).Instances ?? [];

describe('task set serviceRegistries and clientToken', () => {
  it('registers the RUNNING tasks of a task set in its own registry, with its external id, and deregisters them as they go', {
    timeout: 60_000,
  }, async () => {
    const reg = await registry();
    const cluster = await externalService(2);
    const blue = (
      await emu.ecs.send(
        new CreateTaskSetCommand({
          cluster,
          service: 'web',
          taskDefinition: `${family}:1`,
          launchType: 'FARGATE',
          networkConfiguration: network,
          externalId: 'blue',
          serviceRegistries: [{ registryArn: reg.arn, containerName: 'web', containerPort: 8080 }],
        }),
      )
    ).taskSet!;
    expect(blue.serviceRegistries).toEqual([{ registryArn: reg.arn, containerName: 'web', containerPort: 8080 }]);
    await steady(cluster, blue.id!, 2);
    // A second task set with no registry: its task is not registered anywhere.
    const green = (
      await emu.ecs.send(
        new CreateTaskSetCommand({
          cluster,
          service: 'web',
          taskDefinition: `${family}:2`,
          launchType: 'FARGATE',
          networkConfiguration: network,
          scale: { value: 50, unit: 'PERCENT' },
        }),
      )
    ).taskSet!;
    await steady(cluster, green.id!, 1);
    const tasks = await runningTasksOf(emu.ecs, cluster, 'web');
    const blueTasks = tasks.filter((t) => t.startedBy === blue.id);
    const instances = await eventually(async () => {
      const found = await instancesIn(reg.namespace);
      return found.length === 2 && found;
    });
    expect(instances.map((i) => i.InstanceId).sort()).toEqual(blueTasks.map((t) => t.taskArn!.split('/').pop()).sort());
    for (const task of blueTasks) {
      const ip = task.attachments![0]!.details!.find((d) => d.name === 'privateIPv4Address')!.value;
      expect(instances.find((i) => i.InstanceId === task.taskArn!.split('/').pop())).toMatchObject({
        HealthStatus: 'HEALTHY',
        Attributes: {
          AWS_INSTANCE_IPV4: ip,
          AWS_INSTANCE_PORT: '8080',
          AVAILABILITY_ZONE: task.availabilityZone,
          REGION: 'us-east-1',
          ECS_CLUSTER_NAME: cluster,
          ECS_SERVICE_NAME: 'web',
          ECS_TASK_DEFINITION_FAMILY: family,
          ECS_TASK_SET_EXTERNAL_ID: 'blue',
          AWS_INIT_HEALTH_STATUS: 'HEALTHY',
        },
      });
    }
    // A stopped task is deregistered at once; the task set's replacement registers in turn.
    const victim = blueTasks[0]!.taskArn!;
    await emu.ecs.send(new StopTaskCommand({ cluster, task: victim }));
    expect((await instancesIn(reg.namespace)).map((i) => i.InstanceId)).not.toContain(victim.split('/').pop());
    await eventually(async () => {
      const ids = (await instancesIn(reg.namespace)).map((i) => i.InstanceId);
      return ids.length === 2 && !ids.includes(victim.split('/').pop());
    }, 20_000);
    // Deleting the task set takes its instances away.
    await emu.ecs.send(new DeleteTaskSetCommand({ cluster, service: 'web', taskSet: blue.id, force: true }));
    await eventually(async () => (await instancesIn(reg.namespace)).length === 0, 20_000, 'the drained task set deregistered');
  });

  it('refuses a registry that does not exist', async () => {
    const cluster = await externalService(1);
    const missing = 'arn:aws:servicediscovery:us-east-1:000000000000:service/srv-0000000000000000';
    await expectEcsError(
      emu.ecs.send(
        new CreateTaskSetCommand({
          cluster,
          service: 'web',
          taskDefinition: `${family}:1`,
          networkConfiguration: network,
          serviceRegistries: [{ registryArn: missing }],
        }),
      ),
      'InvalidParameterException',
      `The service registry ${missing} does not exist.`,
    );
  });

  it('answers a retry with the same clientToken and parameters with the same task set, and refuses other parameters', async () => {
    const cluster = await externalService(1);
    const request = {
      cluster,
      service: 'web',
      taskDefinition: `${family}:1`,
      launchType: 'FARGATE' as const,
      networkConfiguration: network,
      scale: { value: 100, unit: 'PERCENT' as const },
      clientToken: 'e3b0c442-98fc-1c14-9afb-f4c8996fb924',
    };
    const first = (await emu.ecs.send(new CreateTaskSetCommand(request))).taskSet!;
    const again = (await emu.ecs.send(new CreateTaskSetCommand(request))).taskSet!;
    expect(again.id).toBe(first.id);
    expect(again.taskSetArn).toBe(first.taskSetArn);
    expect((await taskSetsOf(cluster)).taskSets?.map((t) => t.id)).toEqual([first.id]);
    await expectEcsError(
      emu.ecs.send(new CreateTaskSetCommand({ ...request, scale: { value: 50, unit: 'PERCENT' } })),
      'InvalidParameterException',
      'Arguments on this idempotent request are inconsistent with arguments used in previous request(s).',
    );
    // Another token makes another task set.
    const other = (await emu.ecs.send(new CreateTaskSetCommand({ ...request, clientToken: 'another-token' }))).taskSet!;
    expect(other.id).not.toBe(first.id);
    expect((await taskSetsOf(cluster)).taskSets).toHaveLength(2);
  });
});

describe('the CODE_DEPLOY deployment controller', () => {
  it('starts the service with a PRIMARY task set of its task definition, registered in the first target group', {
    timeout: 60_000,
  }, async () => {
    const tg = await targetGroupBehindListener(emu.endpoint, { port: 8080, healthCheckIntervalSeconds: 5, healthyThresholdCount: 2 });
    const cluster = await fargateCluster(emu.ecs, 'cd');
    const out = await emu.ecs.send(
      new CreateServiceCommand({
        cluster,
        serviceName: 'web',
        taskDefinition: `${family}:1`,
        desiredCount: 2,
        launchType: 'FARGATE',
        networkConfiguration: network,
        deploymentController: { type: 'CODE_DEPLOY' },
        loadBalancers: [{ targetGroupArn: tg, containerName: 'web', containerPort: 8080 }],
      }),
    );
    expect(out.service?.deploymentController).toEqual({ type: 'CODE_DEPLOY' });
    expect(out.service?.deployments).toEqual([]);
    const initial = out.service!.taskSets![0]!;
    expect(initial).toMatchObject({
      status: 'PRIMARY',
      scale: { value: 100, unit: 'PERCENT' },
      computedDesiredCount: 2,
      loadBalancers: [{ targetGroupArn: tg, containerName: 'web', containerPort: 8080 }],
    });
    await steady(cluster, initial.id!, 2);
    const targets = await eventually(async () => {
      const t = (await elb.send(new DescribeTargetHealthCommand({ TargetGroupArn: tg }))).TargetHealthDescriptions ?? [];
      return t.length === 2 && t;
    });
    const ips = (await runningTasksOf(emu.ecs, cluster, 'web')).map(
      (t) => t.attachments?.[0]?.details?.find((d) => d.name === 'privateIPv4Address')?.value,
    );
    expect(targets.map((t) => t.Target?.Id).sort()).toEqual(ips.sort());
    await expectEcsError(
      emu.ecs.send(new UpdateServiceCommand({ cluster, service: 'web', taskDefinition: `${family}:2` })),
      'InvalidParameterException',
      'Unable to update task definition on services with a CODE_DEPLOY deployment controller. Use AWS CodeDeploy to trigger a new deployment.',
    );
    await expectEcsError(
      emu.ecs.send(new UpdateServiceCommand({ cluster, service: 'web', forceNewDeployment: true })),
      'InvalidParameterException',
    );
    await expectEcsError(
      emu.ecs.send(new UpdateServiceCommand({ cluster, service: 'web', networkConfiguration: network })),
      'InvalidParameterException',
      'Unable to update network parameters on services with a CODE_DEPLOY deployment controller. Use AWS CodeDeploy to trigger a new deployment.',
    );
    await expectEcsError(
      emu.ecs.send(
        new UpdateServiceCommand({
          cluster,
          service: 'web',
          loadBalancers: [{ targetGroupArn: tg, containerName: 'web', containerPort: 8080 }],
        }),
      ),
      'InvalidParameterException',
      'Unable to update load balancers on services with a CODE_DEPLOY deployment controller. Use AWS CodeDeploy to trigger a new deployment.',
    );
  });
});
