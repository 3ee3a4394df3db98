// CreateService, UpdateService, DeleteService, DescribeServices, ListServices, ListServicesByNamespace through the
// SDK, on the in-memory runtime: the scheduler keeps desiredCount tasks running and reports as ECS does.
import {
  CreateServiceCommand,
  DeleteServiceCommand,
  DescribeServicesCommand,
  DescribeTasksCommand,
  ListServicesByNamespaceCommand,
  ListServicesCommand,
  StopTaskCommand,
  UpdateServiceCommand,
  waitUntilServicesInactive,
  waitUntilServicesStable,
} from '@aws-sdk/client-ecs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createNamespace } from '../../src/domain/cloudmap/namespaces.js';
import { createService as createCloudMapService } from '../../src/domain/cloudmap/services.js';
import { defaultVpc } from '../../src/domain/network/vpc.js';
import { startTestEmulator, uniqueName, type TestEmulator } from '../support/emulator.js';
import { describeService, eventually, fargateCluster, runningTasksOf } from '../support/services.js';
import { storeTaskDefinition } from '../support/task-definitions.js';
import { targetGroupBehindListener } from '../support/elbv2.js';

const scope = { accountId: '000000000000', region: 'us-east-1' };
const [subnetA, subnetB] = defaultVpc(scope, 0).subnets.map((s) => s.subnetId) as [string, string];
const network = { awsvpcConfiguration: { subnets: [subnetA, subnetB] } };
const waiter = (emu: TestEmulator) => ({ client: emu.ecs, maxWaitTime: 20, minDelay: 1, maxDelay: 1 });

let emu: TestEmulator;
let family: string;
let targetGroupArn: string;
beforeAll(async () => {
  // The in-memory runtime's tasks serve nothing: their targets pass every health check.
  emu = await startTestEmulator({}, { healthProbe: async () => ({ ok: true }) });
  family = uniqueName('web');
  storeTaskDefinition(emu.deps.store, scope, family, [{ name: 'app', image: 'busybox', portMappings: [{ containerPort: 80 }] }]);
  targetGroupArn = await targetGroupBehindListener(emu.endpoint, { port: 80, healthCheckIntervalSeconds: 5, healthyThresholdCount: 2 });
  storeTaskDefinition(emu.deps.store, scope, family, [{ name: 'app', image: 'busybox:2' }]);
  // The Cloud Map service the first test's serviceRegistries names (CreateService checks that it exists).
  emu.deps.store.update(scope, (s) => {
    const ids = { namespaceId: 'ns-services0test0', operationId: 'op-services-test', hostedZoneId: 'ZSERVICESTEST' };
    createNamespace(s, scope, { name: uniqueName('services-test'), type: 'HTTP' }, ids, Date.now());
    createCloudMapService(s, scope, { name: 'web', namespaceId: ids.namespaceId }, 'srv-1', Date.now());
  });
});
afterAll(() => emu.close());

describe('CreateService', () => {
  it('starts desiredCount tasks, reports them and reaches a steady state the SDK waiter accepts', async () => {
    const cluster = await fargateCluster(emu.ecs);
    const { service } = await emu.ecs.send(
      new CreateServiceCommand({
        cluster,
        serviceName: 'web',
        taskDefinition: `${family}:1`,
        desiredCount: 3,
        launchType: 'FARGATE',
        networkConfiguration: network,
        tags: [{ key: 'team', value: 'a' }],
        enableECSManagedTags: true,
        propagateTags: 'SERVICE',
        loadBalancers: [
          {
            targetGroupArn,
            containerName: 'app',
            containerPort: 80,
          },
        ],
        serviceRegistries: [{ registryArn: 'arn:aws:servicediscovery:us-east-1:000000000000:service/srv-1' }],
        healthCheckGracePeriodSeconds: 30,
      }),
    );
    expect(service).toMatchObject({
      serviceArn: `arn:aws:ecs:us-east-1:000000000000:service/${cluster}/web`,
      serviceName: 'web',
      clusterArn: `arn:aws:ecs:us-east-1:000000000000:cluster/${cluster}`,
      status: 'ACTIVE',
      desiredCount: 3,
      runningCount: 0,
      pendingCount: 0,
      launchType: 'FARGATE',
      platformVersion: 'LATEST',
      platformFamily: 'Linux',
      schedulingStrategy: 'REPLICA',
      deploymentController: { type: 'ECS' },
      deploymentConfiguration: {
        minimumHealthyPercent: 100,
        maximumPercent: 200,
        deploymentCircuitBreaker: { enable: false, rollback: false },
      },
      healthCheckGracePeriodSeconds: 30,
      enableECSManagedTags: true,
      propagateTags: 'SERVICE',
      events: [],
    });
    expect(service!.loadBalancers).toHaveLength(1);
    expect(service!.serviceRegistries).toHaveLength(1);
    const d = service!.deployments![0]!;
    expect(d.id).toMatch(/^ecs-svc\/\d{19}$/);
    expect(d).toMatchObject({
      status: 'PRIMARY',
      desiredCount: 3,
      rolloutState: 'IN_PROGRESS',
      rolloutStateReason: `ECS deployment ${d.id} in progress.`,
      platformVersion: '1.4.0',
    });

    await waitUntilServicesStable(waiter(emu), { cluster, services: ['web'] });
    // Behind a load balancer, the rollout completes once the tasks' targets pass their health checks.
    const stable = await eventually(
      async () => {
        const s = await describeService(emu.ecs, cluster, 'web');
        return s.deployments?.[0]?.rolloutState === 'COMPLETED' && s.events?.[0]?.message?.includes('steady state') && s;
      },
      30_000,
      'the rollout behind the load balancer to complete',
    );
    expect(stable).toMatchObject({ runningCount: 3, pendingCount: 0 });
    expect(stable.deployments).toHaveLength(1);
    expect(stable.deployments![0]).toMatchObject({
      rolloutState: 'COMPLETED',
      rolloutStateReason: `ECS deployment ${d.id} completed.`,
      runningCount: 3,
    });
    const messages = stable.events!.map((e) => e.message);
    expect(messages[0]).toBe('(service web) has reached a steady state.');
    expect(messages[1]).toBe(`(service web) (deployment ${d.id}) deployment completed.`);
    expect(messages.at(-1)).toMatch(
      /^\(service web\) has started 3 tasks: \(task [0-9a-f]{32}\) \(task [0-9a-f]{32}\) \(task [0-9a-f]{32}\)\.$/,
    );
    expect(
      messages.some((m) => m?.startsWith('(service web) registered ') && m.endsWith(` targets in (target-group ${targetGroupArn})`)),
    ).toBe(true);

    const tasks = await runningTasksOf(emu.ecs, cluster, 'web');
    expect(tasks).toHaveLength(3);
    for (const t of tasks)
      expect(t).toMatchObject({ startedBy: d.id, group: 'service:web', launchType: 'FARGATE', capacityProviderName: 'FARGATE' });
    expect(new Set(tasks.map((t) => t.availabilityZone))).toEqual(new Set(['us-east-1a', 'us-east-1b']));
    const tagged = await emu.ecs.send(new DescribeTasksCommand({ cluster, tasks: [tasks[0]!.taskArn!], include: ['TAGS'] }));
    expect(tagged.tasks![0]!.tags).toEqual(
      expect.arrayContaining([
        { key: 'team', value: 'a' },
        { key: 'aws:ecs:clusterName', value: cluster },
        { key: 'aws:ecs:serviceName', value: 'web' },
      ]),
    );
  });

  it('is idempotent for the same request and refuses a different one', async () => {
    const cluster = await fargateCluster(emu.ecs);
    const request = {
      cluster,
      serviceName: 'api',
      taskDefinition: `${family}:1`,
      desiredCount: 0,
      launchType: 'FARGATE' as const,
      networkConfiguration: network,
    };
    const first = await emu.ecs.send(new CreateServiceCommand(request));
    const again = await emu.ecs.send(new CreateServiceCommand(request));
    expect(again.service!.deployments![0]!.id).toBe(first.service!.deployments![0]!.id);
    const err = await emu.ecs.send(new CreateServiceCommand({ ...request, desiredCount: 2 })).catch((e) => e);
    expect(err.name).toBe('InvalidParameterException');
    expect(err.message).toBe('Creation of service was not idempotent.');
    expect(err.$metadata.httpStatusCode).toBe(400);
  });

  it.each([
    ['an unknown task definition', { taskDefinition: 'nope:3' }, 'ClientException', 'TaskDefinition not found.'],
    [
      'no network configuration',
      { networkConfiguration: undefined },
      'InvalidParameterException',
      "Network Configuration must be provided when networkMode 'awsvpc' is specified.",
    ],
    [
      'a launch type and a strategy',
      { capacityProviderStrategy: [{ capacityProvider: 'FARGATE', weight: 1 }] },
      'InvalidParameterException',
      'Specifying both a launch type and capacity provider strategy is not supported. Remove one and try again.',
    ],
    [
      'an unknown platform version',
      { platformVersion: '0.9.0' },
      'PlatformUnknownException',
      'The specified platform version does not exist.',
    ],
  ])('rejects %s', async (_what, patch, code, message) => {
    const cluster = await fargateCluster(emu.ecs);
    const err = await emu.ecs
      .send(
        new CreateServiceCommand({
          cluster,
          serviceName: 's',
          taskDefinition: `${family}:1`,
          desiredCount: 1,
          launchType: 'FARGATE',
          networkConfiguration: network,
          ...(patch as object),
        }),
      )
      .catch((e) => e);
    expect(err.name).toBe(code);
    expect(err.message).toBe(message);
    expect(err.$metadata.httpStatusCode).toBe(400);
  });

  it('returns ClusterNotFoundException for an unknown cluster', async () => {
    const err = await emu.ecs
      .send(
        new CreateServiceCommand({
          cluster: 'nope',
          serviceName: 's',
          taskDefinition: `${family}:1`,
          desiredCount: 1,
          launchType: 'FARGATE',
          networkConfiguration: network,
        }),
      )
      .catch((e) => e);
    expect(err.name).toBe('ClusterNotFoundException');
  });
});

describe('the scheduler', () => {
  it('replaces a task that stops, with AWS wording in the service events', async () => {
    const cluster = await fargateCluster(emu.ecs);
    await emu.ecs.send(
      new CreateServiceCommand({
        cluster,
        serviceName: 'web',
        taskDefinition: `${family}:1`,
        desiredCount: 2,
        launchType: 'FARGATE',
        networkConfiguration: network,
      }),
    );
    await waitUntilServicesStable(waiter(emu), { cluster, services: ['web'] });
    const [victim] = await runningTasksOf(emu.ecs, cluster, 'web');
    await emu.ecs.send(new StopTaskCommand({ cluster, task: victim!.taskArn! }));
    const replaced = await eventually(async () => {
      const tasks = await runningTasksOf(emu.ecs, cluster, 'web');
      return tasks.length === 2 && tasks.every((t) => t.lastStatus === 'RUNNING' && t.taskArn !== victim!.taskArn) ? tasks : undefined;
    });
    expect(replaced).toHaveLength(2);
    await waitUntilServicesStable(waiter(emu), { cluster, services: ['web'] });
    const events = (await describeService(emu.ecs, cluster, 'web')).events!.map((e) => e.message);
    expect(events[0]).toBe('(service web) has reached a steady state.');
    expect(events[1]).toMatch(/^\(service web\) has started 1 tasks: \(task [0-9a-f]{32}\)\.$/);
  });

  it('replaces a task whose essential container crashes', async () => {
    const cluster = await fargateCluster(emu.ecs);
    await emu.ecs.send(
      new CreateServiceCommand({
        cluster,
        serviceName: 'web',
        taskDefinition: `${family}:1`,
        desiredCount: 1,
        launchType: 'FARGATE',
        networkConfiguration: network,
      }),
    );
    await waitUntilServicesStable(waiter(emu), { cluster, services: ['web'] });
    const [task] = await runningTasksOf(emu.ecs, cluster, 'web');
    const runtime = emu.runtime as import('../fakes/fake-task-runtime.js').FakeTaskRuntime;
    runtime.exit(runtime.idOf(task!.taskArn!.split('/').pop()!, 'app'), 1, false);
    await eventually(async () => {
      const tasks = await runningTasksOf(emu.ecs, cluster, 'web');
      return tasks.length === 1 && tasks[0]!.taskArn !== task!.taskArn && tasks[0]!.lastStatus === 'RUNNING';
    });
    const stopped = (await emu.ecs.send(new DescribeTasksCommand({ cluster, tasks: [task!.taskArn!] }))).tasks![0]!;
    expect(stopped).toMatchObject({ lastStatus: 'STOPPED', stopCode: 'EssentialContainerExited' });
  });

  it('scales in and out on UpdateService desiredCount', async () => {
    const cluster = await fargateCluster(emu.ecs);
    await emu.ecs.send(
      new CreateServiceCommand({
        cluster,
        serviceName: 'web',
        taskDefinition: `${family}:1`,
        desiredCount: 3,
        launchType: 'FARGATE',
        networkConfiguration: network,
      }),
    );
    await waitUntilServicesStable(waiter(emu), { cluster, services: ['web'] });
    const { service } = await emu.ecs.send(new UpdateServiceCommand({ cluster, service: 'web', desiredCount: 1 }));
    expect(service!.desiredCount).toBe(1);
    expect(service!.deployments).toHaveLength(1);
    await eventually(async () => (await describeService(emu.ecs, cluster, 'web')).runningCount === 1);
    const events = (await describeService(emu.ecs, cluster, 'web')).events!.map((e) => e.message);
    expect(
      events.some(
        (m) => m !== undefined && /^\(service web\) has stopped 2 running tasks: \(task [0-9a-f]{32}\) \(task [0-9a-f]{32}\)\.$/.test(m),
      ),
    ).toBe(true);
    await emu.ecs.send(new UpdateServiceCommand({ cluster, service: 'web', desiredCount: 2 }));
    await waitUntilServicesStable(waiter(emu), { cluster, services: ['web'] });
    expect((await describeService(emu.ecs, cluster, 'web')).runningCount).toBe(2);
  });
});

describe('the scheduler at rest', () => {
  it('changes nothing in the store while a stable service has nothing to do (no disk churn on ticks)', async () => {
    const cluster = await fargateCluster(emu.ecs);
    await emu.ecs.send(
      new CreateServiceCommand({
        cluster,
        serviceName: 'idle',
        taskDefinition: `${family}:1`,
        desiredCount: 2,
        launchType: 'FARGATE',
        networkConfiguration: network,
      }),
    );
    await waitUntilServicesStable(waiter(emu), { cluster, services: ['idle'] });
    await emu.services.idle();
    const version = () => (emu.deps.store as unknown as { version: number }).version;
    const before = version();
    await emu.services.afterSweeps(3);
    expect(version()).toBe(before);
  });
});

describe('UpdateService', () => {
  it('rolls out a new task definition as a new PRIMARY deployment and drains the old one', async () => {
    const cluster = await fargateCluster(emu.ecs);
    const created = await emu.ecs.send(
      new CreateServiceCommand({
        cluster,
        serviceName: 'web',
        taskDefinition: `${family}:1`,
        desiredCount: 2,
        launchType: 'FARGATE',
        networkConfiguration: network,
      }),
    );
    await waitUntilServicesStable(waiter(emu), { cluster, services: ['web'] });
    const { service } = await emu.ecs.send(new UpdateServiceCommand({ cluster, service: 'web', taskDefinition: `${family}:2` }));
    expect(service!.taskDefinition).toMatch(new RegExp(`task-definition/${family}:2$`));
    expect(service!.deployments!.map((d) => [d.status, d.rolloutState])).toEqual([
      ['PRIMARY', 'IN_PROGRESS'],
      ['ACTIVE', 'COMPLETED'],
    ]);
    await waitUntilServicesStable(waiter(emu), { cluster, services: ['web'] });
    const done = await describeService(emu.ecs, cluster, 'web');
    expect(done.deployments).toHaveLength(1);
    expect(done.deployments![0]!.id).not.toBe(created.service!.deployments![0]!.id);
    const tasks = await runningTasksOf(emu.ecs, cluster, 'web');
    expect(tasks.map((t) => t.taskDefinitionArn!.split(':').pop())).toEqual(['2', '2']);
  });

  it('starts a new deployment on forceNewDeployment with the same task definition', async () => {
    const cluster = await fargateCluster(emu.ecs);
    const created = await emu.ecs.send(
      new CreateServiceCommand({
        cluster,
        serviceName: 'web',
        taskDefinition: `${family}:1`,
        desiredCount: 1,
        launchType: 'FARGATE',
        networkConfiguration: network,
      }),
    );
    await waitUntilServicesStable(waiter(emu), { cluster, services: ['web'] });
    const before = (await runningTasksOf(emu.ecs, cluster, 'web'))[0]!.taskArn;
    const { service } = await emu.ecs.send(new UpdateServiceCommand({ cluster, service: 'web', forceNewDeployment: true }));
    expect(service!.deployments).toHaveLength(2);
    await waitUntilServicesStable(waiter(emu), { cluster, services: ['web'] });
    const after = await runningTasksOf(emu.ecs, cluster, 'web');
    expect(after.map((t) => t.taskArn)).not.toContain(before);
    expect(after[0]!.startedBy).not.toBe(created.service!.deployments![0]!.id);
  });

  it('returns ServiceNotFoundException and ServiceNotActiveException as AWS does', async () => {
    const cluster = await fargateCluster(emu.ecs);
    const missing = await emu.ecs.send(new UpdateServiceCommand({ cluster, service: 'ghost', desiredCount: 1 })).catch((e) => e);
    expect([missing.name, missing.message, missing.$metadata.httpStatusCode]).toEqual([
      'ServiceNotFoundException',
      'Service not found.',
      400,
    ]);
    await emu.ecs.send(
      new CreateServiceCommand({
        cluster,
        serviceName: 'gone',
        taskDefinition: `${family}:1`,
        desiredCount: 0,
        launchType: 'FARGATE',
        networkConfiguration: network,
      }),
    );
    await emu.ecs.send(new DeleteServiceCommand({ cluster, service: 'gone' }));
    const inactive = await emu.ecs.send(new UpdateServiceCommand({ cluster, service: 'gone', desiredCount: 1 })).catch((e) => e);
    expect([inactive.name, inactive.message]).toEqual(['ServiceNotActiveException', 'Service was not ACTIVE.']);
  });
});

describe('DeleteService', () => {
  it('is refused while the service is scaled above 0, and with force drains it to INACTIVE', async () => {
    const cluster = await fargateCluster(emu.ecs);
    await emu.ecs.send(
      new CreateServiceCommand({
        cluster,
        serviceName: 'web',
        taskDefinition: `${family}:1`,
        desiredCount: 2,
        launchType: 'FARGATE',
        networkConfiguration: network,
      }),
    );
    await waitUntilServicesStable(waiter(emu), { cluster, services: ['web'] });
    const err = await emu.ecs.send(new DeleteServiceCommand({ cluster, service: 'web' })).catch((e) => e);
    expect([err.name, err.message, err.$metadata.httpStatusCode]).toEqual([
      'InvalidParameterException',
      'The service cannot be stopped while it is scaled above 0.',
      400,
    ]);
    const { service } = await emu.ecs.send(new DeleteServiceCommand({ cluster, service: 'web', force: true }));
    expect(service).toMatchObject({ status: 'DRAINING', desiredCount: 0 });
    await waitUntilServicesInactive(waiter(emu), { cluster, services: ['web'] });
    expect(await runningTasksOf(emu.ecs, cluster, 'web')).toEqual([]);
    expect((await emu.ecs.send(new ListServicesCommand({ cluster }))).serviceArns).toEqual([]);
    // The name can be used again once the old service is INACTIVE.
    await emu.ecs.send(
      new CreateServiceCommand({
        cluster,
        serviceName: 'web',
        taskDefinition: `${family}:1`,
        desiredCount: 0,
        launchType: 'FARGATE',
        networkConfiguration: network,
      }),
    );
  });
});

describe('DescribeServices, ListServices, ListServicesByNamespace', () => {
  it('reports unknown services as MISSING and returns tags when asked', async () => {
    const cluster = await fargateCluster(emu.ecs);
    await emu.ecs.send(
      new CreateServiceCommand({
        cluster,
        serviceName: 'a',
        taskDefinition: `${family}:1`,
        desiredCount: 0,
        launchType: 'FARGATE',
        networkConfiguration: network,
        tags: [{ key: 'k', value: 'v' }],
      }),
    );
    const out = await emu.ecs.send(new DescribeServicesCommand({ cluster, services: ['a', 'zzz'], include: ['TAGS'] }));
    expect(out.services![0]!.tags).toEqual([{ key: 'k', value: 'v' }]);
    expect(out.failures).toEqual([{ arn: `arn:aws:ecs:us-east-1:000000000000:service/${cluster}/zzz`, reason: 'MISSING' }]);
    const byArn = await emu.ecs.send(new DescribeServicesCommand({ cluster, services: [out.services![0]!.serviceArn!] }));
    expect(byArn.services![0]!.tags).toBeUndefined();
  });

  it("lists and paginates a cluster's services, and finds them by Service Connect namespace", async () => {
    const cluster = await fargateCluster(emu.ecs);
    // Service Connect needs its namespace to exist.
    emu.deps.store.update(scope, (s) => {
      const ids = { namespaceId: `ns-${process.pid}${cluster.length}`, operationId: `op-${cluster}`, hostedZoneId: 'Z' };
      createNamespace(s, scope, { name: `ns-${cluster}`, type: 'HTTP' }, ids, Date.now());
    });
    for (const name of ['s1', 's2', 's3']) {
      await emu.ecs.send(
        new CreateServiceCommand({
          cluster,
          serviceName: name,
          taskDefinition: `${family}:1`,
          desiredCount: 0,
          launchType: 'FARGATE',
          networkConfiguration: network,
          serviceConnectConfiguration: name === 's2' ? { enabled: true, namespace: `ns-${cluster}` } : undefined,
        }),
      );
    }
    const page1 = await emu.ecs.send(new ListServicesCommand({ cluster, maxResults: 2 }));
    const page2 = await emu.ecs.send(new ListServicesCommand({ cluster, maxResults: 2, nextToken: page1.nextToken }));
    expect([...page1.serviceArns!, ...page2.serviceArns!].map((a) => a.split('/').pop())).toEqual(['s1', 's2', 's3']);
    expect(page2.nextToken).toBeUndefined();
    const ns = await emu.ecs.send(new ListServicesByNamespaceCommand({ namespace: `ns-${cluster}` }));
    expect(ns.serviceArns).toEqual([`arn:aws:ecs:us-east-1:000000000000:service/${cluster}/s2`]);
  });
});
