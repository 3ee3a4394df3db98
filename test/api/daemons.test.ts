// Daemons and daemon task definitions through the SDK: stored and described with AWS's shapes on Managed Instances
// capacity providers; with no instance behind them, every daemon deployment completes at once with nothing running.
import {
  CreateCapacityProviderCommand,
  CreateClusterCommand,
  CreateDaemonCommand,
  DeleteDaemonCommand,
  DeleteDaemonTaskDefinitionCommand,
  DescribeDaemonCommand,
  DescribeDaemonDeploymentsCommand,
  DescribeDaemonRevisionsCommand,
  DescribeDaemonTaskDefinitionCommand,
  ListDaemonDeploymentsCommand,
  ListDaemonsCommand,
  ListDaemonTaskDefinitionsCommand,
  RegisterDaemonTaskDefinitionCommand,
  UpdateDaemonCommand,
} from '@aws-sdk/client-ecs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectEcsError } from '../support/ecs-error.js';
import { startTestEmulator, uniqueName, type TestEmulator } from '../support/emulator.js';

let emu: TestEmulator;
let cluster: string;
let provider: string;
beforeAll(async () => {
  emu = await startTestEmulator();
  cluster = uniqueName('daemons');
  await emu.ecs.send(new CreateClusterCommand({ clusterName: cluster }));
  const { capacityProvider } = await emu.ecs.send(
    new CreateCapacityProviderCommand({
      name: uniqueName('mi'),
      cluster,
      managedInstancesProvider: {
        infrastructureRoleArn: 'arn:aws:iam::000000000000:role/infra',
        instanceLaunchTemplate: {
          ec2InstanceProfileArn: 'arn:aws:iam::000000000000:instance-profile/ecs',
          networkConfiguration: { subnets: ['subnet-1'] },
        },
      },
    }),
  );
  provider = capacityProvider!.capacityProviderArn!;
});
afterAll(() => emu.close());

async function registerTd(family: string, image = 'amazon/cloudwatch-agent') {
  return (
    await emu.ecs.send(
      new RegisterDaemonTaskDefinitionCommand({ family, containerDefinitions: [{ name: 'agent', image }], cpu: '256', memory: '512' }),
    )
  ).daemonTaskDefinitionArn!;
}

describe('daemon task definitions', () => {
  it('registers revisions, describes them, lists them and deletes one', async () => {
    const family = uniqueName('dtd');
    const first = await registerTd(family);
    const second = await registerTd(family, 'amazon/cloudwatch-agent:2');
    expect(first).toBe(`arn:aws:ecs:us-east-1:000000000000:daemon-task-definition/${family}:1`);
    const { daemonTaskDefinition } = await emu.ecs.send(new DescribeDaemonTaskDefinitionCommand({ daemonTaskDefinition: family }));
    expect(daemonTaskDefinition).toMatchObject({
      daemonTaskDefinitionArn: second,
      family,
      revision: 2,
      status: 'ACTIVE',
      cpu: '256',
      registeredBy: 'arn:aws:iam::000000000000:root',
      containerDefinitions: [{ name: 'agent', image: 'amazon/cloudwatch-agent:2' }],
    });
    const listed = await emu.ecs.send(new ListDaemonTaskDefinitionsCommand({ family }));
    expect(listed.daemonTaskDefinitions?.map((d) => d.arn)).toEqual([first, second]);
    const desc = await emu.ecs.send(new ListDaemonTaskDefinitionsCommand({ familyPrefix: family, sort: 'DESC' }));
    expect(desc.daemonTaskDefinitions?.map((d) => d.arn)).toEqual([second, first]);
    const last = await emu.ecs.send(new ListDaemonTaskDefinitionsCommand({ family, revision: 'LAST_REGISTERED' }));
    expect(last.daemonTaskDefinitions?.map((d) => d.arn)).toEqual([second]);

    await emu.ecs.send(new DeleteDaemonTaskDefinitionCommand({ daemonTaskDefinition: `${family}:1` }));
    const active = await emu.ecs.send(new ListDaemonTaskDefinitionsCommand({ family }));
    expect(active.daemonTaskDefinitions?.map((d) => d.arn)).toEqual([second]);
    const deleting = await emu.ecs.send(new ListDaemonTaskDefinitionsCommand({ family, status: 'DELETE_IN_PROGRESS' }));
    expect(deleting.daemonTaskDefinitions?.[0]).toMatchObject({
      arn: first,
      status: 'DELETE_IN_PROGRESS',
      deleteRequestedAt: expect.any(Date),
    });
  });

  it('refuses bad families, empty or duplicate containers, and unknown revisions', async () => {
    await expectEcsError(
      emu.ecs.send(new RegisterDaemonTaskDefinitionCommand({ family: 'bad family', containerDefinitions: [{ name: 'a', image: 'x' }] })),
      'ClientException',
    );
    await expectEcsError(
      emu.ecs.send(new RegisterDaemonTaskDefinitionCommand({ family: 'f', containerDefinitions: [] })),
      'ClientException',
    );
    await expectEcsError(
      emu.ecs.send(
        new RegisterDaemonTaskDefinitionCommand({
          family: 'f',
          containerDefinitions: [
            { name: 'a', image: 'x' },
            { name: 'a', image: 'y' },
          ],
        }),
      ),
      'ClientException',
    );
    await expectEcsError(
      emu.ecs.send(new DescribeDaemonTaskDefinitionCommand({ daemonTaskDefinition: uniqueName('none') })),
      'ClientException',
    );
  });
});

describe('daemons', () => {
  it('creates, updates and deletes a daemon; each deployment completes with no instance to run on', async () => {
    const family = uniqueName('agent');
    const td1 = await registerTd(family);
    const td2 = await registerTd(family, 'amazon/cloudwatch-agent:2');
    const daemonName = uniqueName('agent');
    const created = await emu.ecs.send(
      new CreateDaemonCommand({
        daemonName,
        clusterArn: cluster,
        daemonTaskDefinitionArn: td1,
        capacityProviderArns: [provider],
        tags: [{ key: 'k', value: 'v' }],
      }),
    );
    const arn = `arn:aws:ecs:us-east-1:000000000000:daemon/${cluster}/${daemonName}`;
    expect(created).toMatchObject({
      daemonArn: arn,
      status: 'ACTIVE',
      createdAt: expect.any(Date),
      deploymentArn: expect.stringContaining(':daemon-deployment/'),
    });

    const { daemon } = await emu.ecs.send(new DescribeDaemonCommand({ daemonArn: arn }));
    expect(daemon).toMatchObject({
      daemonArn: arn,
      status: 'ACTIVE',
      deploymentArn: created.deploymentArn,
      currentRevisions: [{ capacityProviders: [{ arn: provider, runningCount: 0, withoutDaemonCount: 0 }], totalRunningCount: 0 }],
    });
    const firstRevision = daemon!.currentRevisions![0]!.arn!;

    const updated = await emu.ecs.send(
      new UpdateDaemonCommand({ daemonArn: arn, daemonTaskDefinitionArn: td2, capacityProviderArns: [provider] }),
    );
    expect(updated.deploymentArn).not.toBe(created.deploymentArn);
    const deployments = await emu.ecs.send(new ListDaemonDeploymentsCommand({ daemonArn: arn }));
    expect(deployments.daemonDeployments?.map((d) => d.daemonDeploymentArn)).toEqual([updated.deploymentArn, created.deploymentArn]);
    const [described] = (await emu.ecs.send(new DescribeDaemonDeploymentsCommand({ daemonDeploymentArns: [updated.deploymentArn!] })))
      .daemonDeployments!;
    expect(described).toMatchObject({
      status: 'SUCCESSFUL',
      sourceDaemonRevisions: [{ arn: firstRevision }],
      targetDaemonRevision: { capacityProviders: [{ arn: provider, runningInstanceCount: 0 }], totalRunningInstanceCount: 0 },
      deploymentConfiguration: { drainPercent: 25 },
    });
    const revisions = await emu.ecs.send(
      new DescribeDaemonRevisionsCommand({
        daemonRevisionArns: [described!.targetDaemonRevision!.arn!, firstRevision, `${firstRevision}x`],
      }),
    );
    expect(revisions.daemonRevisions?.map((r) => r.daemonTaskDefinitionArn)).toEqual([td2, td1]);
    expect(revisions.daemonRevisions?.[0]?.containerImages).toEqual([{ containerName: 'agent', image: 'amazon/cloudwatch-agent:2' }]);
    expect(revisions.failures).toEqual([{ arn: `${firstRevision}x`, reason: 'MISSING' }]);

    expect((await emu.ecs.send(new ListDaemonsCommand({ clusterArn: cluster }))).daemonSummariesList?.map((d) => d.daemonArn)).toContain(
      arn,
    );
    await expectEcsError(emu.ecs.send(new DeleteDaemonTaskDefinitionCommand({ daemonTaskDefinition: td2 })), 'ClientException');
    const deleted = await emu.ecs.send(new DeleteDaemonCommand({ daemonArn: arn }));
    expect(deleted.status).toBe('DELETE_IN_PROGRESS');
    await expectEcsError(emu.ecs.send(new DescribeDaemonCommand({ daemonArn: arn })), 'ResourceNotFoundException');
    expect(
      (await emu.ecs.send(new ListDaemonsCommand({ clusterArn: cluster }))).daemonSummariesList?.map((d) => d.daemonArn),
    ).not.toContain(arn);
  });

  it('runs only on Managed Instances providers of its cluster, with an ACTIVE task definition', async () => {
    const td = await registerTd(uniqueName('agent'));
    await expectEcsError(
      emu.ecs.send(
        new CreateDaemonCommand({ daemonName: 'd', clusterArn: cluster, daemonTaskDefinitionArn: td, capacityProviderArns: ['FARGATE'] }),
      ),
      'InvalidParameterException',
    );
    await expectEcsError(
      emu.ecs.send(
        new CreateDaemonCommand({
          daemonName: 'd',
          clusterArn: cluster,
          daemonTaskDefinitionArn: `${td}9`,
          capacityProviderArns: [provider],
        }),
      ),
      'ClientException',
    );
    const other = uniqueName('other');
    await emu.ecs.send(new CreateClusterCommand({ clusterName: other }));
    await expectEcsError(
      emu.ecs.send(
        new CreateDaemonCommand({ daemonName: 'd', clusterArn: other, daemonTaskDefinitionArn: td, capacityProviderArns: [provider] }),
      ),
      'InvalidParameterException',
    );
    await expectEcsError(
      emu.ecs.send(
        new CreateDaemonCommand({
          daemonName: 'd',
          clusterArn: uniqueName('none'),
          daemonTaskDefinitionArn: td,
          capacityProviderArns: [provider],
        }),
      ),
      'ClusterNotFoundException',
    );
    await expectEcsError(
      emu.ecs.send(new ListDaemonDeploymentsCommand({ daemonArn: 'arn:aws:ecs:us-east-1:000000000000:daemon/x/y' })),
      'ResourceNotFoundException',
    );
  });
});
