import { CreateClusterCommand, DeleteClusterCommand, DescribeClustersCommand } from '@aws-sdk/client-ecs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectEcsError, uniqueAccountId } from '../support/ecs-error.js';
import { startTestEmulator, uniqueName, type TestEmulator } from '../support/emulator.js';

let emu: TestEmulator;
beforeAll(async () => {
  emu = await startTestEmulator();
});
afterAll(() => emu.close());

const ARN = (name: string) => `arn:aws:ecs:us-east-1:000000000000:cluster/${name}`;

async function fullCluster() {
  const name = uniqueName('d');
  await emu.ecs.send(
    new CreateClusterCommand({
      clusterName: name,
      tags: [{ key: 'team', value: 'core' }],
      settings: [{ name: 'containerInsights', value: 'enhanced' }],
      configuration: { executeCommandConfiguration: { logging: 'NONE' } },
      capacityProviders: ['FARGATE'],
      defaultCapacityProviderStrategy: [{ capacityProvider: 'FARGATE', weight: 1 }],
    }),
  );
  return name;
}

describe('DescribeClusters', () => {
  describe('behaviour', () => {
    it('without include: counts and providers, but empty statistics, tags and settings, no configuration or attachments', async () => {
      const name = await fullCluster();
      const { clusters, failures } = await emu.ecs.send(new DescribeClustersCommand({ clusters: [name] }));
      expect(failures).toEqual([]);
      expect(clusters).toEqual([
        {
          clusterArn: ARN(name),
          clusterName: name,
          status: 'ACTIVE',
          registeredContainerInstancesCount: 0,
          runningTasksCount: 0,
          pendingTasksCount: 0,
          activeServicesCount: 0,
          statistics: [],
          tags: [],
          settings: [],
          capacityProviders: ['FARGATE'],
          defaultCapacityProviderStrategy: [{ capacityProvider: 'FARGATE', weight: 1, base: 0 }],
        },
      ]);
    });

    it('includes tags, settings and configuration when asked', async () => {
      const name = await fullCluster();
      const { clusters } = await emu.ecs.send(
        new DescribeClustersCommand({ clusters: [name], include: ['TAGS', 'SETTINGS', 'CONFIGURATIONS'] }),
      );
      expect(clusters?.[0]).toMatchObject({
        tags: [{ key: 'team', value: 'core' }],
        settings: [{ name: 'containerInsights', value: 'enhanced' }],
        configuration: { executeCommandConfiguration: { logging: 'NONE' } },
      });
      expect(clusters?.[0]?.attachments).toBeUndefined();
      expect(clusters?.[0]?.statistics).toEqual([]);
    });

    it('includes statistics by launch type, named as AWS names them', async () => {
      const name = await fullCluster();
      const { clusters } = await emu.ecs.send(new DescribeClustersCommand({ clusters: [name], include: ['STATISTICS'] }));
      const stats = clusters?.[0]?.statistics ?? [];
      expect(stats.map((s) => s.name)).toEqual([
        'runningEC2TasksCount',
        'runningFargateTasksCount',
        'pendingEC2TasksCount',
        'pendingFargateTasksCount',
        'runningExternalTasksCount',
        'pendingExternalTasksCount',
        'runningManagedInstancesTasksCount',
        'pendingManagedInstancesTasksCount',
        'activeEC2ServiceCount',
        'activeFargateServiceCount',
        'drainingEC2ServiceCount',
        'drainingFargateServiceCount',
        'activeExternalServiceCount',
        'drainingExternalServiceCount',
        'activeManagedInstancesServiceCount',
        'drainingManagedInstancesServiceCount',
      ]);
      expect(new Set(stats.map((s) => s.value))).toEqual(new Set(['0']));
    });

    it('includes attachments when asked', async () => {
      const name = await fullCluster();
      const { clusters } = await emu.ecs.send(new DescribeClustersCommand({ clusters: [name], include: ['ATTACHMENTS'] }));
      expect(clusters?.[0]?.attachments).toEqual([]);
      expect(clusters?.[0]?.attachmentsStatus).toBe('UPDATE_COMPLETE');
      expect(clusters?.[0]?.configuration).toBeUndefined();
    });

    it('accepts names and ARNs, and reports unknown ones as MISSING failures with their ARN', async () => {
      const name = await fullCluster();
      const ghost = uniqueName('ghost');
      const { clusters, failures } = await emu.ecs.send(
        new DescribeClustersCommand({ clusters: [ARN(name), ghost, 'arn:aws:ecs:us-east-1:000000000000:cluster/also-gone'] }),
      );
      expect(clusters?.map((c) => c.clusterName)).toEqual([name]);
      expect(failures).toEqual([
        { arn: ARN(ghost), reason: 'MISSING' },
        { arn: 'arn:aws:ecs:us-east-1:000000000000:cluster/also-gone', reason: 'MISSING' },
      ]);
    });

    it('describes the default cluster when no cluster is given, and reports it MISSING before it exists', async () => {
      const ecs = emu.client({ accountId: uniqueAccountId() });
      const before = await ecs.send(new DescribeClustersCommand({}));
      expect(before.clusters).toEqual([]);
      expect(before.failures?.[0]?.reason).toBe('MISSING');
      expect(before.failures?.[0]?.arn).toMatch(/:cluster\/default$/);
      await ecs.send(new CreateClusterCommand({}));
      const after = await ecs.send(new DescribeClustersCommand({}));
      expect(after.clusters?.map((c) => c.clusterName)).toEqual(['default']);
      ecs.destroy();
    });

    it('still describes a deleted cluster, as INACTIVE', async () => {
      const name = await fullCluster();
      await emu.ecs.send(new DeleteClusterCommand({ cluster: name }));
      const { clusters, failures } = await emu.ecs.send(new DescribeClustersCommand({ clusters: [name], include: ['TAGS'] }));
      expect(failures).toEqual([]);
      expect(clusters?.[0]).toMatchObject({ clusterName: name, status: 'INACTIVE', tags: [] });
    });

    it('does not see clusters of another account or region', async () => {
      const name = await fullCluster();
      const otherAccount = emu.client({ accountId: uniqueAccountId() });
      const otherRegion = emu.client({ region: 'eu-central-1' });
      for (const client of [otherAccount, otherRegion]) {
        const { clusters, failures } = await client.send(new DescribeClustersCommand({ clusters: [name, ARN(name)] }));
        expect(clusters).toEqual([]);
        expect(failures?.map((f) => f.reason)).toEqual(['MISSING', 'MISSING']);
        client.destroy();
      }
    });
  });

  describe('errors', () => {
    it('refuses more than 100 clusters', async () => {
      const clusters = Array.from({ length: 101 }, (_, i) => `c${i}`);
      await expectEcsError(emu.ecs.send(new DescribeClustersCommand({ clusters })), 'InvalidParameterException');
    });
  });
});
