// ECS Service Connect over Cloud Map (in-memory runtime): the namespace from the configuration or the cluster's
// default (a name makes an HTTP namespace), portName matched to a named port mapping, the Cloud Map service ECS makes
// for the discoveryName, its instances (the RUNNING tasks on the container port), and DescribeServices' deployment
// fields.
import { CreateClusterCommand, CreateServiceCommand, DescribeServicesCommand, UpdateServiceCommand } from '@aws-sdk/client-ecs';
import {
  DiscoverInstancesCommand,
  GetServiceCommand,
  ListNamespacesCommand,
  ServiceDiscoveryClient,
} from '@aws-sdk/client-servicediscovery';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultVpc } from '../../src/domain/network/vpc.js';
import { rejectionOf } from '../support/api-errors.js';
import { startTestEmulator, uniqueName, type TestEmulator } from '../support/emulator.js';
import { eventually } from '../support/services.js';
import { storeTaskDefinition } from '../support/task-definitions.js';

const scope = { accountId: '000000000000', region: 'us-east-1' };
const network = { awsvpcConfiguration: { subnets: [defaultVpc(scope, 0).subnets[0]!.subnetId] } };

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
  family = uniqueName('sc');
  storeTaskDefinition(emu.deps.store, scope, family, [
    { name: 'app', image: 'busybox', portMappings: [{ containerPort: 8080, name: 'http' }, { containerPort: 9090 }] },
  ]);
});
afterAll(async () => {
  sd.destroy();
  await emu.close();
});

describe('Service Connect', () => {
  it("uses the cluster's default namespace (made by name), registers the tasks, and shows the deployment's resources", async () => {
    const namespace = uniqueName('apps');
    const cluster = uniqueName('scc');
    const { cluster: created } = await emu.ecs.send(
      new CreateClusterCommand({ clusterName: cluster, serviceConnectDefaults: { namespace } }),
    );
    const { Namespaces } = await sd.send(new ListNamespacesCommand({ Filters: [{ Name: 'NAME', Values: [namespace] }] }));
    expect(Namespaces).toHaveLength(1);
    expect(Namespaces![0]).toMatchObject({ Type: 'HTTP', Arn: created!.serviceConnectDefaults!.namespace });
    const { service } = await emu.ecs.send(
      new CreateServiceCommand({
        cluster,
        serviceName: 'api',
        taskDefinition: family,
        desiredCount: 2,
        launchType: 'FARGATE',
        networkConfiguration: network,
        serviceConnectConfiguration: { enabled: true, services: [{ portName: 'http', clientAliases: [{ port: 80, dnsName: 'api' }] }] },
      }),
    );
    const deployment = service!.deployments![0]!;
    expect(deployment.serviceConnectConfiguration).toMatchObject({
      enabled: true,
      namespace: Namespaces![0]!.Arn,
      services: [{ portName: 'http', clientAliases: [{ port: 80, dnsName: 'api' }] }],
    });
    expect(deployment.serviceConnectResources).toEqual([{ discoveryName: 'http', discoveryArn: expect.stringMatching(/:service\/srv-/) }]);
    const { Service } = await sd.send(
      new GetServiceCommand({ Id: deployment.serviceConnectResources![0]!.discoveryArn!.split('/').pop() }),
    );
    expect(Service).toMatchObject({
      Name: 'http',
      Type: 'HTTP',
      NamespaceId: Namespaces![0]!.Id,
      HealthCheckCustomConfig: { FailureThreshold: 1 },
    });
    const instances = await eventually(async () => {
      const { Instances } = await sd.send(new DiscoverInstancesCommand({ NamespaceName: namespace, ServiceName: 'http' }));
      return Instances?.length === 2 ? Instances : undefined;
    });
    expect(instances.every((i) => i.Attributes!.AWS_INSTANCE_PORT === '8080' && i.Attributes!.ECS_SERVICE_NAME === 'api')).toBe(true);
    const described = await emu.ecs.send(new DescribeServicesCommand({ cluster, services: ['api'] }));
    expect(described.services![0]!.deployments![0]!.serviceConnectResources).toEqual(deployment.serviceConnectResources);
    await emu.ecs.send(new UpdateServiceCommand({ cluster, service: 'api', desiredCount: 0 }));
    await eventually(async () => {
      const { Instances } = await sd.send(
        new DiscoverInstancesCommand({ NamespaceName: namespace, ServiceName: 'http', HealthStatus: 'ALL' }),
      );
      return Instances?.length === 0;
    });
  });

  it('refuses a missing namespace, an unknown portName and an unnamed port', async () => {
    const cluster = uniqueName('scx');
    await emu.ecs.send(new CreateClusterCommand({ clusterName: cluster }));
    const create = (serviceConnectConfiguration: object) =>
      rejectionOf(
        emu.ecs.send(
          new CreateServiceCommand({
            cluster,
            serviceName: uniqueName('bad'),
            taskDefinition: family,
            desiredCount: 0,
            launchType: 'FARGATE',
            networkConfiguration: network,
            serviceConnectConfiguration: serviceConnectConfiguration as never,
          }),
        ),
      );
    expect((await create({ enabled: true })).name).toBe('InvalidParameterException');
    expect((await create({ enabled: true, namespace: 'no-such-namespace' })).message).toContain('no-such-namespace');
    const ns = uniqueName('scn');
    await emu.ecs.send(new CreateClusterCommand({ clusterName: uniqueName('mk'), serviceConnectDefaults: { namespace: ns } }));
    const unknownPort = await create({ enabled: true, namespace: ns, services: [{ portName: 'grpc' }] });
    expect(unknownPort).toMatchObject({ name: 'InvalidParameterException', message: expect.stringContaining('grpc') });
  });
});
