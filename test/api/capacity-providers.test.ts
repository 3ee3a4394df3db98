// CreateCapacityProvider, UpdateCapacityProvider, DeleteCapacityProvider and DescribeCapacityProviders through the
// SDK: Auto Scaling group and Managed Instances providers are stored and described with AWS's shapes; tasks cannot
// be placed on them (no instances exist behind them here).
import {
  CreateCapacityProviderCommand,
  CreateClusterCommand,
  DeleteCapacityProviderCommand,
  DescribeCapacityProvidersCommand,
  ListTagsForResourceCommand,
  PutClusterCapacityProvidersCommand,
  RunTaskCommand,
  UpdateCapacityProviderCommand,
} from '@aws-sdk/client-ecs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectEcsError } from '../support/ecs-error.js';
import { startTestEmulator, uniqueName, type TestEmulator } from '../support/emulator.js';
import { storeTaskDefinition } from '../support/task-definitions.js';

const scope = { accountId: '000000000000', region: 'us-east-1' };
const asgArn = (name: string) =>
  `arn:aws:autoscaling:us-east-1:000000000000:autoScalingGroup:0c4a1a3b-7f3e-4a8e-9d7c-2f1e6b5a4c3d:autoScalingGroupName/${name}`;
const cpArn = (name: string) => `arn:aws:ecs:us-east-1:000000000000:capacity-provider/${name}`;

let emu: TestEmulator;
beforeAll(async () => {
  emu = await startTestEmulator();
});
afterAll(() => emu.close());

async function createAsgProvider(extra: Record<string, unknown> = {}) {
  const name = uniqueName('asg');
  const out = await emu.ecs.send(
    new CreateCapacityProviderCommand({ name, autoScalingGroupProvider: { autoScalingGroupArn: asgArn(name) }, ...extra }),
  );
  return { name, provider: out.capacityProvider! };
}

describe('CreateCapacityProvider', () => {
  it('stores an Auto Scaling group provider with AWS defaults, describable by name or ARN, with its tags', async () => {
    const { name, provider } = await createAsgProvider({ tags: [{ key: 'team', value: 'a' }] });
    const expected = {
      capacityProviderArn: cpArn(name),
      name,
      status: 'ACTIVE',
      type: 'EC2_AUTOSCALING',
      autoScalingGroupProvider: {
        autoScalingGroupArn: asgArn(name),
        managedScaling: {
          status: 'DISABLED',
          targetCapacity: 100,
          minimumScalingStepSize: 1,
          maximumScalingStepSize: 10000,
          instanceWarmupPeriod: 300,
        },
        managedTerminationProtection: 'DISABLED',
        managedDraining: 'ENABLED',
      },
    };
    expect(provider).toMatchObject({ ...expected, tags: [{ key: 'team', value: 'a' }] });
    const byName = await emu.ecs.send(new DescribeCapacityProvidersCommand({ capacityProviders: [name, cpArn(name)], include: ['TAGS'] }));
    expect(byName.capacityProviders).toEqual([
      { ...expected, tags: [{ key: 'team', value: 'a' }] },
      { ...expected, tags: [{ key: 'team', value: 'a' }] },
    ]);
    const tags = await emu.ecs.send(new ListTagsForResourceCommand({ resourceArn: cpArn(name) }));
    expect(tags.tags).toEqual([{ key: 'team', value: 'a' }]);
  });

  it('lists created providers beside FARGATE and FARGATE_SPOT, ten to a page', async () => {
    const account = emu.client({ accountId: '111122223333' });
    for (const n of ['p1', 'p2']) {
      await account.send(
        new CreateCapacityProviderCommand({
          name: n,
          autoScalingGroupProvider: { autoScalingGroupArn: asgArn(n).replace('000000000000', '111122223333') },
        }),
      );
    }
    const all = await account.send(new DescribeCapacityProvidersCommand({}));
    expect(all.capacityProviders?.map((p) => p.name)).toEqual(['FARGATE', 'FARGATE_SPOT', 'p1', 'p2']);
    const page = await account.send(new DescribeCapacityProvidersCommand({ maxResults: 3 }));
    expect(page.capacityProviders).toHaveLength(3);
    const rest = await account.send(new DescribeCapacityProvidersCommand({ maxResults: 3, nextToken: page.nextToken }));
    expect(rest.capacityProviders?.map((p) => p.name)).toEqual(['p2']);
  });

  it('stores a Managed Instances provider for its cluster', async () => {
    const clusterName = uniqueName('mi');
    await emu.ecs.send(new CreateClusterCommand({ clusterName }));
    const name = uniqueName('mi-cp');
    const { capacityProvider } = await emu.ecs.send(
      new CreateCapacityProviderCommand({
        name,
        cluster: clusterName,
        managedInstancesProvider: {
          infrastructureRoleArn: 'arn:aws:iam::000000000000:role/ecsInfrastructureRole',
          instanceLaunchTemplate: {
            ec2InstanceProfileArn: 'arn:aws:iam::000000000000:instance-profile/ecsInstanceRole',
            networkConfiguration: { subnets: ['subnet-0123'] },
          },
        },
      }),
    );
    expect(capacityProvider).toMatchObject({
      name,
      cluster: clusterName,
      type: 'MANAGED_INSTANCES',
      status: 'ACTIVE',
      managedInstancesProvider: {
        infrastructureRoleArn: 'arn:aws:iam::000000000000:role/ecsInfrastructureRole',
        propagateTags: 'NONE',
        instanceLaunchTemplate: { networkConfiguration: { subnets: ['subnet-0123'] }, monitoring: 'BASIC' },
      },
    });
  });

  it('refuses reserved or bad names, a second provider of a name or ASG, and a Managed Instances provider without cluster', async () => {
    await expectEcsError(
      emu.ecs.send(
        new CreateCapacityProviderCommand({ name: 'fargate-mine', autoScalingGroupProvider: { autoScalingGroupArn: asgArn('x') } }),
      ),
      'ClientException',
      /prefixed/,
    );
    await expectEcsError(
      emu.ecs.send(new CreateCapacityProviderCommand({ name: 'bad name', autoScalingGroupProvider: { autoScalingGroupArn: asgArn('x') } })),
      'ClientException',
    );
    await expectEcsError(
      emu.ecs.send(new CreateCapacityProviderCommand({ name: uniqueName('x'), autoScalingGroupProvider: { autoScalingGroupArn: 'asg' } })),
      'ClientException',
    );
    const { name } = await createAsgProvider();
    await expectEcsError(
      emu.ecs.send(new CreateCapacityProviderCommand({ name, autoScalingGroupProvider: { autoScalingGroupArn: asgArn(uniqueName('y')) } })),
      'ClientException',
      /already exists/,
    );
    await expectEcsError(
      emu.ecs.send(
        new CreateCapacityProviderCommand({ name: uniqueName('z'), autoScalingGroupProvider: { autoScalingGroupArn: asgArn(name) } }),
      ),
      'ClientException',
      /already associated/,
    );
    await expectEcsError(
      emu.ecs.send(
        new CreateCapacityProviderCommand({
          name: uniqueName('mi'),
          managedInstancesProvider: {
            infrastructureRoleArn: 'arn:aws:iam::000000000000:role/r',
            instanceLaunchTemplate: {
              ec2InstanceProfileArn: 'arn:aws:iam::000000000000:instance-profile/p',
              networkConfiguration: { subnets: ['subnet-1'] },
            },
          },
        }),
      ),
      'InvalidParameterException',
    );
    await expectEcsError(
      emu.ecs.send(
        new CreateCapacityProviderCommand({
          name: uniqueName('asg'),
          autoScalingGroupProvider: { autoScalingGroupArn: asgArn(uniqueName('g')), managedScaling: { targetCapacity: 101 } },
        }),
      ),
      'InvalidParameterException',
    );
  });
});

describe('UpdateCapacityProvider', () => {
  it('changes the scaling settings and keeps the rest', async () => {
    const { name } = await createAsgProvider();
    const { capacityProvider } = await emu.ecs.send(
      new UpdateCapacityProviderCommand({
        name,
        autoScalingGroupProvider: { managedScaling: { status: 'ENABLED', targetCapacity: 80 }, managedTerminationProtection: 'ENABLED' },
      }),
    );
    expect(capacityProvider).toMatchObject({
      updateStatus: 'UPDATE_COMPLETE',
      autoScalingGroupProvider: {
        managedScaling: { status: 'ENABLED', targetCapacity: 80, maximumScalingStepSize: 10000 },
        managedTerminationProtection: 'ENABLED',
        managedDraining: 'ENABLED',
      },
    });
    const described = await emu.ecs.send(new DescribeCapacityProvidersCommand({ capacityProviders: [name] }));
    expect(described.capacityProviders?.[0]?.autoScalingGroupProvider?.managedScaling?.targetCapacity).toBe(80);
  });

  it('refuses FARGATE, unknown providers, and termination protection without managed scaling', async () => {
    await expectEcsError(
      emu.ecs.send(new UpdateCapacityProviderCommand({ name: 'FARGATE', autoScalingGroupProvider: {} })),
      'ClientException',
    );
    await expectEcsError(
      emu.ecs.send(new UpdateCapacityProviderCommand({ name: uniqueName('none'), autoScalingGroupProvider: {} })),
      'ClientException',
      'The specified capacity provider does not exist.',
    );
    const { name } = await createAsgProvider();
    await expectEcsError(
      emu.ecs.send(new UpdateCapacityProviderCommand({ name, autoScalingGroupProvider: { managedTerminationProtection: 'ENABLED' } })),
      'ClientException',
    );
  });
});

describe('DeleteCapacityProvider', () => {
  it('answers DELETE_IN_PROGRESS, then describes it INACTIVE; the name is free again', async () => {
    const { name } = await createAsgProvider();
    const { capacityProvider } = await emu.ecs.send(new DeleteCapacityProviderCommand({ capacityProvider: cpArn(name) }));
    expect(capacityProvider).toMatchObject({ name, status: 'ACTIVE', updateStatus: 'DELETE_IN_PROGRESS' });
    const described = await emu.ecs.send(new DescribeCapacityProvidersCommand({ capacityProviders: [name] }));
    expect(described.capacityProviders?.[0]).toMatchObject({ status: 'INACTIVE', updateStatus: 'DELETE_COMPLETE' });
    await expectEcsError(emu.ecs.send(new DeleteCapacityProviderCommand({ capacityProvider: name })), 'ClientException');
    await emu.ecs.send(new CreateCapacityProviderCommand({ name, autoScalingGroupProvider: { autoScalingGroupArn: asgArn(name) } }));
  });

  it('is refused while a cluster uses it, and works once the cluster lets go', async () => {
    const { name } = await createAsgProvider();
    const clusterName = uniqueName('cp-cluster');
    await emu.ecs.send(new CreateClusterCommand({ clusterName, capacityProviders: [name, 'FARGATE'] }));
    await expectEcsError(emu.ecs.send(new DeleteCapacityProviderCommand({ capacityProvider: name })), 'ResourceInUseException');
    await emu.ecs.send(
      new PutClusterCapacityProvidersCommand({ cluster: clusterName, capacityProviders: ['FARGATE'], defaultCapacityProviderStrategy: [] }),
    );
    await emu.ecs.send(new DeleteCapacityProviderCommand({ capacityProvider: name }));
  });
});

describe('tasks and Auto Scaling group providers', () => {
  it('places nothing on a provider with no instances, and refuses a strategy mixing it with Fargate', async () => {
    const { name } = await createAsgProvider();
    const clusterName = uniqueName('asg-run');
    await emu.ecs.send(new CreateClusterCommand({ clusterName, capacityProviders: [name, 'FARGATE'] }));
    const family = uniqueName('asg-td');
    storeTaskDefinition(emu.deps.store, scope, family, [{ name: 'app', image: 'busybox' }]);
    await expectEcsError(
      emu.ecs.send(
        new RunTaskCommand({
          cluster: clusterName,
          taskDefinition: family,
          capacityProviderStrategy: [{ capacityProvider: name, weight: 1 }],
        }),
      ),
      'InvalidParameterException',
      'No Container Instances were found in your cluster.',
    );
    await expectEcsError(
      emu.ecs.send(
        new RunTaskCommand({
          cluster: clusterName,
          taskDefinition: family,
          capacityProviderStrategy: [
            { capacityProvider: name, weight: 1 },
            { capacityProvider: 'FARGATE', weight: 1 },
          ],
        }),
      ),
      'InvalidParameterException',
      /cannot contain a mix of capacity providers/,
    );
  });
});
