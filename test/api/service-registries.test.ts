// ECS serviceRegistries with Cloud Map (in-memory runtime): every RUNNING task of the service is an instance with
// the attributes ECS sets, a stopped task drops out, and CreateService checks the registry as ECS does.
import { CreateServiceCommand, DeleteServiceCommand, StopTaskCommand, UpdateServiceCommand } from '@aws-sdk/client-ecs';
import {
  CreatePrivateDnsNamespaceCommand,
  CreateServiceCommand as CreateRegistryCommand,
  DiscoverInstancesCommand,
  GetOperationCommand,
  ServiceDiscoveryClient,
} from '@aws-sdk/client-servicediscovery';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultVpc } from '../../src/domain/network/vpc.js';
import { rejectionOf } from '../support/api-errors.js';
import { startTestEmulator, uniqueName, type TestEmulator } from '../support/emulator.js';
import { eventually, fargateCluster, runningTasksOf } from '../support/services.js';
import { storeTaskDefinition } from '../support/task-definitions.js';

const scope = { accountId: '000000000000', region: 'us-east-1' };
const vpc = defaultVpc(scope, 0);
const network = { awsvpcConfiguration: { subnets: vpc.subnets.slice(0, 2).map((s) => s.subnetId) } };

let emu: TestEmulator;
let sd: ServiceDiscoveryClient;
let family: string;
beforeAll(async () => {
  emu = await startTestEmulator();
  sd = new ServiceDiscoveryClient({
    endpoint: emu.endpoint,
    region: 'us-east-1',
    credentials: { accessKeyId: 'AKIDTEST', secretAccessKey: 'test' },
    maxAttempts: 1,
    disableHostPrefix: true,
  });
  family = uniqueName('api');
  storeTaskDefinition(emu.deps.store, scope, family, [
    { name: 'app', image: 'busybox', portMappings: [{ containerPort: 8080, name: 'http' }] },
  ]);
});
afterAll(async () => {
  sd.destroy();
  await emu.close();
});

async function registry(records: ('A' | 'SRV')[] = ['A', 'SRV']) {
  const name = `${uniqueName('reg')}.internal`;
  const { OperationId } = await sd.send(new CreatePrivateDnsNamespaceCommand({ Name: name, Vpc: vpc.vpc.vpcId }));
  const { Operation } = await sd.send(new GetOperationCommand({ OperationId }));
  const { Service } = await sd.send(
    new CreateRegistryCommand({
      Name: 'api',
      NamespaceId: Operation!.Targets!.NAMESPACE,
      DnsConfig: { DnsRecords: records.map((Type) => ({ Type, TTL: 10 })) },
      HealthCheckCustomConfig: { FailureThreshold: 1 },
    }),
  );
  return { namespace: name, arn: Service!.Arn! };
}

const discover = (namespace: string) =>
  sd
    .send(new DiscoverInstancesCommand({ NamespaceName: namespace, ServiceName: 'api', HealthStatus: 'ALL' }))
    .then((r) => r.Instances ?? []);

describe('serviceRegistries', () => {
  it('registers every RUNNING task with the attributes ECS sets, and deregisters a stopped one', async () => {
    const reg = await registry();
    const cluster = await fargateCluster(emu.ecs);
    await emu.ecs.send(
      new CreateServiceCommand({
        cluster,
        serviceName: 'api',
        taskDefinition: family,
        desiredCount: 2,
        launchType: 'FARGATE',
        networkConfiguration: network,
        serviceRegistries: [{ registryArn: reg.arn, containerName: 'app', containerPort: 8080 }],
      }),
    );
    const tasks = await eventually(async () => {
      const t = await runningTasksOf(emu.ecs, cluster, 'api');
      return t.length === 2 && t.every((x) => x.lastStatus === 'RUNNING') ? t : undefined;
    });
    const instances = await eventually(async () => {
      const found = await discover(reg.namespace);
      return found.length === 2 ? found : undefined;
    });
    const byId = Object.fromEntries(instances.map((i) => [i.InstanceId, i]));
    for (const task of tasks) {
      const id = task.taskArn!.split('/').pop()!;
      const ip = task.attachments![0]!.details!.find((d) => d.name === 'privateIPv4Address')!.value;
      expect(byId[id]).toMatchObject({
        HealthStatus: 'HEALTHY',
        Attributes: {
          AWS_INSTANCE_IPV4: ip,
          AWS_INSTANCE_PORT: '8080',
          AVAILABILITY_ZONE: task.availabilityZone,
          REGION: 'us-east-1',
          ECS_CLUSTER_NAME: cluster,
          ECS_SERVICE_NAME: 'api',
          ECS_TASK_DEFINITION_FAMILY: family,
          AWS_INIT_HEALTH_STATUS: 'HEALTHY',
        },
      });
    }
    const victim = tasks[0]!.taskArn!;
    await emu.ecs.send(new StopTaskCommand({ cluster, task: victim }));
    const victimId = victim.split('/').pop()!;
    // Gone at once: StopTask stores desiredStatus STOPPED, and that change deregisters the instance.
    expect((await discover(reg.namespace)).map((i) => i.InstanceId)).not.toContain(victimId);
    // The scheduler's replacement registers in turn.
    await eventually(async () => {
      const ids = (await discover(reg.namespace)).map((i) => i.InstanceId);
      return ids.length === 2 && !ids.includes(victimId);
    });
    await emu.ecs.send(new UpdateServiceCommand({ cluster, service: 'api', desiredCount: 0 }));
    await eventually(async () => (await discover(reg.namespace)).length === 0);
    await emu.ecs.send(new DeleteServiceCommand({ cluster, service: 'api' }));
  });

  it('refuses a registry that does not exist, SRV records without a port, and a container port not mapped', async () => {
    const cluster = await fargateCluster(emu.ecs);
    const create = (serviceRegistries: { registryArn: string; port?: number; containerName?: string; containerPort?: number }[]) =>
      rejectionOf(
        emu.ecs.send(
          new CreateServiceCommand({
            cluster,
            serviceName: uniqueName('bad'),
            taskDefinition: family,
            desiredCount: 1,
            launchType: 'FARGATE',
            networkConfiguration: network,
            serviceRegistries,
          }),
        ),
      );
    const missing = await create([{ registryArn: 'arn:aws:servicediscovery:us-east-1:000000000000:service/srv-0000000000000000' }]);
    expect(missing.name).toBe('InvalidParameterException');
    const reg = await registry();
    const noPort = await create([{ registryArn: reg.arn }]);
    expect(noPort).toMatchObject({ name: 'InvalidParameterException', message: expect.stringContaining('SRV') });
    const unmapped = await create([{ registryArn: reg.arn, containerName: 'app', containerPort: 9999 }]);
    expect(unmapped).toMatchObject({ name: 'InvalidParameterException', message: expect.stringContaining('9999') });
    const unknownContainer = await create([{ registryArn: reg.arn, containerName: 'nope', containerPort: 8080 }]);
    expect(unknownContainer.name).toBe('InvalidParameterException');
    const aOnly = await registry(['A']);
    const two = await create([{ registryArn: aOnly.arn }, { registryArn: reg.arn, port: 8080 }]);
    expect(two.name).toBe('InvalidParameterException');
  });
});
