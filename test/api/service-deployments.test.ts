// ListServiceDeployments, DescribeServiceDeployments, DescribeServiceRevisions and StopServiceDeployment through the
// SDK, for services on the rolling deployment controller, on the in-memory runtime.
import {
  CreateServiceCommand,
  DescribeServiceDeploymentsCommand,
  DescribeServiceRevisionsCommand,
  ListServiceDeploymentsCommand,
  StopServiceDeploymentCommand,
  UpdateServiceCommand,
  waitUntilServicesStable,
  type ServiceDeployment,
} from '@aws-sdk/client-ecs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultVpc } from '../../src/domain/network/vpc.js';
import type { FakeTaskRuntime } from '../fakes/fake-task-runtime.js';
import { expectEcsError } from '../support/ecs-error.js';
import { startTestEmulator, uniqueName, type TestEmulator } from '../support/emulator.js';
import { describeService, eventually, fargateCluster } from '../support/services.js';
import { storeTaskDefinition } from '../support/task-definitions.js';

const scope = { accountId: '000000000000', region: 'us-east-1' };
const [subnetA] = defaultVpc(scope, 0).subnets.map((s) => s.subnetId) as [string];
const network = { awsvpcConfiguration: { subnets: [subnetA] } };

let emu: TestEmulator;
let family: string;
beforeAll(async () => {
  emu = await startTestEmulator();
  family = uniqueName('sd');
  storeTaskDefinition(emu.deps.store, scope, family, [{ name: 'app', image: 'busybox' }]);
  storeTaskDefinition(emu.deps.store, scope, family, [{ name: 'app', image: 'busybox:2' }]);
  storeTaskDefinition(emu.deps.store, scope, family, [{ name: 'app', image: 'busybox:broken' }]);
  (emu.runtime as FakeTaskRuntime).missingImages.add('busybox:broken');
});
afterAll(() => emu.close());
const waiter = () => ({ client: emu.ecs, maxWaitTime: 20, minDelay: 1, maxDelay: 1 });
const tdArn = (rev: number) => `arn:aws:ecs:us-east-1:000000000000:task-definition/${family}:${rev}`;

async function newService(cluster: string, serviceName = 'web') {
  await emu.ecs.send(
    new CreateServiceCommand({
      cluster,
      serviceName,
      taskDefinition: `${family}:1`,
      desiredCount: 1,
      launchType: 'FARGATE',
      networkConfiguration: network,
    }),
  );
  await waitUntilServicesStable(waiter(), { cluster, services: [serviceName] });
}

const list = async (cluster: string, service = 'web') =>
  (await emu.ecs.send(new ListServiceDeploymentsCommand({ cluster, service }))).serviceDeployments ?? [];
const describeOne = async (arn: string): Promise<ServiceDeployment> =>
  (await emu.ecs.send(new DescribeServiceDeploymentsCommand({ serviceDeploymentArns: [arn] }))).serviceDeployments![0]!;

describe('service deployments of a rolling service', () => {
  it('records one per deployment, newest first, with the revisions it moves between', async () => {
    const cluster = await fargateCluster(emu.ecs, 'sd');
    await newService(cluster);
    const [first] = await list(cluster);
    expect(first).toMatchObject({
      serviceDeploymentArn: expect.stringMatching(
        new RegExp(`^arn:aws:ecs:us-east-1:000000000000:service-deployment/${cluster}/web/[\\w-]{21}$`),
      ),
      serviceArn: `arn:aws:ecs:us-east-1:000000000000:service/${cluster}/web`,
      status: 'SUCCESSFUL',
      targetServiceRevisionArn: expect.stringMatching(/:service-revision\/.+\/web\/\d{19}$/),
      createdAt: expect.any(Date),
      finishedAt: expect.any(Date),
    });

    await emu.ecs.send(new UpdateServiceCommand({ cluster, service: 'web', taskDefinition: `${family}:2` }));
    await waitUntilServicesStable(waiter(), { cluster, services: ['web'] });
    const both = await list(cluster);
    expect(both.map((b) => b.status)).toEqual(['SUCCESSFUL', 'SUCCESSFUL']);
    expect(both[1]!.serviceDeploymentArn).toBe(first!.serviceDeploymentArn);

    const second = await describeOne(both[0]!.serviceDeploymentArn!);
    expect(second).toMatchObject({
      status: 'SUCCESSFUL',
      sourceServiceRevisions: [{ arn: first!.targetServiceRevisionArn }],
      targetServiceRevision: { arn: both[0]!.targetServiceRevisionArn, requestedTaskCount: 1, runningTaskCount: 1, pendingTaskCount: 0 },
      deploymentConfiguration: { minimumHealthyPercent: 100, maximumPercent: 200, strategy: 'ROLLING' },
      deploymentCircuitBreaker: { status: 'DISABLED', failureCount: 0, threshold: 3 },
    });

    const { serviceRevisions, failures } = await emu.ecs.send(
      new DescribeServiceRevisionsCommand({ serviceRevisionArns: [first!.targetServiceRevisionArn!, both[0]!.targetServiceRevisionArn!] }),
    );
    expect(failures).toEqual([]);
    expect(serviceRevisions).toMatchObject([
      {
        taskDefinition: tdArn(1),
        launchType: 'FARGATE',
        platformVersion: '1.4.0',
        containerImages: [{ containerName: 'app', image: 'busybox' }],
      },
      {
        taskDefinition: tdArn(2),
        networkConfiguration: { awsvpcConfiguration: { subnets: [subnetA] } },
        containerImages: [{ image: 'busybox:2' }],
      },
    ]);

    const filtered = await emu.ecs.send(new ListServiceDeploymentsCommand({ cluster, service: 'web', status: ['IN_PROGRESS'] }));
    expect(filtered.serviceDeployments).toEqual([]);
    const paged = await emu.ecs.send(new ListServiceDeploymentsCommand({ cluster, service: 'web', maxResults: 1 }));
    expect(paged.serviceDeployments).toHaveLength(1);
    const rest = await emu.ecs.send(
      new ListServiceDeploymentsCommand({ cluster, service: 'web', maxResults: 1, nextToken: paged.nextToken }),
    );
    expect(rest.serviceDeployments?.[0]?.serviceDeploymentArn).toBe(first!.serviceDeploymentArn);
    const future = await emu.ecs.send(
      new ListServiceDeploymentsCommand({ cluster, service: 'web', createdAt: { after: new Date(Date.now() + 60_000) } }),
    );
    expect(future.serviceDeployments).toEqual([]);
  });

  it('StopServiceDeployment rolls an in-progress deployment back to the revision it replaced', async () => {
    const cluster = await fargateCluster(emu.ecs, 'sd-stop');
    await newService(cluster);
    await emu.ecs.send(new UpdateServiceCommand({ cluster, service: 'web', taskDefinition: `${family}:3` }));
    const [broken, first] = await list(cluster);
    expect(broken!.status).toBe('IN_PROGRESS');

    const out = await emu.ecs.send(new StopServiceDeploymentCommand({ serviceDeploymentArn: broken!.serviceDeploymentArn }));
    expect(out.serviceDeploymentArn).toBe(broken!.serviceDeploymentArn);
    const done = await eventually(
      async () => {
        const d = await describeOne(broken!.serviceDeploymentArn!);
        return d.status === 'ROLLBACK_SUCCESSFUL' && d;
      },
      15_000,
      'ROLLBACK_SUCCESSFUL',
    );
    expect(done.rollback).toMatchObject({ serviceRevisionArn: first!.targetServiceRevisionArn, startedAt: expect.any(Date) });
    expect(done.rollback?.reason).toMatch(/StopServiceDeployment/);
    const svc = await describeService(emu.ecs, cluster, 'web');
    expect(svc.taskDefinition).toBe(tdArn(1));
    expect(svc.deployments).toHaveLength(1);
    expect(svc.events?.some((e) => e.message?.includes('rolling back to deployment'))).toBe(true);

    await expectEcsError(
      emu.ecs.send(new StopServiceDeploymentCommand({ serviceDeploymentArn: first!.serviceDeploymentArn })),
      'ConflictException',
    );
  });

  it('a deployment superseded while in progress is STOPPED', async () => {
    const cluster = await fargateCluster(emu.ecs, 'sd-super');
    await newService(cluster);
    await emu.ecs.send(new UpdateServiceCommand({ cluster, service: 'web', taskDefinition: `${family}:3` }));
    await emu.ecs.send(new UpdateServiceCommand({ cluster, service: 'web', taskDefinition: `${family}:2` }));
    await waitUntilServicesStable(waiter(), { cluster, services: ['web'] });
    const [latest, superseded, first] = await list(cluster);
    expect(latest!.status).toBe('SUCCESSFUL');
    expect(superseded).toMatchObject({ status: 'STOPPED', statusReason: expect.stringMatching(/superseded/) });
    expect(first!.status).toBe('SUCCESSFUL');
  });
});

describe('errors', () => {
  it('answers as AWS does for unknown services, deployments and revisions, and for a first deployment', async () => {
    const cluster = await fargateCluster(emu.ecs, 'sd-err');
    await expectEcsError(emu.ecs.send(new ListServiceDeploymentsCommand({ cluster, service: 'nope' })), 'ServiceNotFoundException');
    await expectEcsError(
      emu.ecs.send(new ListServiceDeploymentsCommand({ cluster: uniqueName('nope'), service: 'web' })),
      'ClusterNotFoundException',
    );
    const missing = `arn:aws:ecs:us-east-1:000000000000:service-deployment/${cluster}/web/AAAAAAAAAAAAAAAAAAAAA`;
    const described = await emu.ecs.send(new DescribeServiceDeploymentsCommand({ serviceDeploymentArns: [missing] }));
    expect(described).toMatchObject({ serviceDeployments: [], failures: [{ arn: missing, reason: 'MISSING' }] });
    const revision = missing.replace('service-deployment', 'service-revision');
    expect((await emu.ecs.send(new DescribeServiceRevisionsCommand({ serviceRevisionArns: [revision] }))).failures).toEqual([
      { arn: revision, reason: 'MISSING' },
    ]);
    await expectEcsError(
      emu.ecs.send(new StopServiceDeploymentCommand({ serviceDeploymentArn: missing })),
      'ServiceDeploymentNotFoundException',
    );

    await emu.ecs.send(
      new CreateServiceCommand({
        cluster,
        serviceName: 'web',
        taskDefinition: `${family}:3`,
        desiredCount: 1,
        launchType: 'FARGATE',
        networkConfiguration: network,
      }),
    );
    const [only] = await list(cluster);
    expect(only!.status).toBe('IN_PROGRESS');
    await expectEcsError(
      emu.ecs.send(new StopServiceDeploymentCommand({ serviceDeploymentArn: only!.serviceDeploymentArn, stopType: 'ABORT' })),
      'InvalidParameterException',
    );
    await expectEcsError(
      emu.ecs.send(new StopServiceDeploymentCommand({ serviceDeploymentArn: only!.serviceDeploymentArn })),
      'ConflictException',
    );
    await expectEcsError(emu.ecs.send(new DescribeServiceDeploymentsCommand({ serviceDeploymentArns: [] })), 'InvalidParameterException');
  });
});
