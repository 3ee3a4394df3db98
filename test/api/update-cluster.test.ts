import { CreateClusterCommand, DeleteClusterCommand, DescribeClustersCommand, UpdateClusterCommand } from '@aws-sdk/client-ecs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectEcsError } from '../support/ecs-error.js';
import { startTestEmulator, uniqueName, type TestEmulator } from '../support/emulator.js';

let emu: TestEmulator;
beforeAll(async () => {
  emu = await startTestEmulator();
});
afterAll(() => emu.close());

async function newCluster(tags = [{ key: 't', value: '1' }]) {
  const clusterName = uniqueName('u');
  await emu.ecs.send(new CreateClusterCommand({ clusterName, tags }));
  return clusterName;
}

describe('UpdateCluster', () => {
  describe('behaviour', () => {
    it('changes settings and answers with settings and no tags', async () => {
      const name = await newCluster();
      const { cluster } = await emu.ecs.send(
        new UpdateClusterCommand({ cluster: name, settings: [{ name: 'containerInsights', value: 'enabled' }] }),
      );
      expect(cluster).toMatchObject({
        clusterName: name,
        status: 'ACTIVE',
        settings: [{ name: 'containerInsights', value: 'enabled' }],
        tags: [],
      });
      const described = await emu.ecs.send(new DescribeClustersCommand({ clusters: [name], include: ['SETTINGS', 'TAGS'] }));
      expect(described.clusters?.[0]?.settings).toEqual([{ name: 'containerInsights', value: 'enabled' }]);
      expect(described.clusters?.[0]?.tags).toEqual([{ key: 't', value: '1' }]);
    });

    it('replaces each configuration part given and keeps the others', async () => {
      const name = uniqueName('u');
      await emu.ecs.send(
        new CreateClusterCommand({
          clusterName: name,
          configuration: {
            executeCommandConfiguration: { logging: 'DEFAULT' },
            managedStorageConfiguration: { kmsKeyId: 'key-1' },
          },
        }),
      );
      const { cluster } = await emu.ecs.send(
        new UpdateClusterCommand({
          cluster: name,
          configuration: { executeCommandConfiguration: { logging: 'OVERRIDE', logConfiguration: { cloudWatchLogGroupName: 'g' } } },
        }),
      );
      expect(cluster?.configuration).toEqual({
        executeCommandConfiguration: { logging: 'OVERRIDE', logConfiguration: { cloudWatchLogGroupName: 'g' } },
        managedStorageConfiguration: { kmsKeyId: 'key-1' },
      });
    });

    it('sets and removes the Service Connect default namespace', async () => {
      const name = await newCluster();
      const arn = 'arn:aws:servicediscovery:us-east-1:000000000000:namespace/ns-abcdef0123456789';
      const set = await emu.ecs.send(new UpdateClusterCommand({ cluster: name, serviceConnectDefaults: { namespace: arn } }));
      expect(set.cluster?.serviceConnectDefaults).toEqual({ namespace: arn });
      const byName = await emu.ecs.send(new UpdateClusterCommand({ cluster: name, serviceConnectDefaults: { namespace: 'apps' } }));
      expect(byName.cluster?.serviceConnectDefaults?.namespace).toMatch(/:namespace\/ns-[a-z0-9]{16}$/);
      const cleared = await emu.ecs.send(new UpdateClusterCommand({ cluster: name, serviceConnectDefaults: { namespace: '' } }));
      expect(cleared.cluster?.serviceConnectDefaults).toBeUndefined();
    });

    it('accepts the cluster ARN', async () => {
      const name = await newCluster();
      const { cluster } = await emu.ecs.send(
        new UpdateClusterCommand({
          cluster: `arn:aws:ecs:us-east-1:000000000000:cluster/${name}`,
          settings: [{ name: 'containerInsights', value: 'enhanced' }],
        }),
      );
      expect(cluster?.settings).toEqual([{ name: 'containerInsights', value: 'enhanced' }]);
    });
  });

  describe('errors', () => {
    it('returns ClusterNotFoundException for an unknown cluster', async () => {
      await expectEcsError(
        emu.ecs.send(
          new UpdateClusterCommand({ cluster: uniqueName('nope'), settings: [{ name: 'containerInsights', value: 'enabled' }] }),
        ),
        'ClusterNotFoundException',
        'Cluster not found.',
      );
    });

    it('returns ClusterNotFoundException for a deleted cluster', async () => {
      const name = await newCluster();
      await emu.ecs.send(new DeleteClusterCommand({ cluster: name }));
      await expectEcsError(
        emu.ecs.send(new UpdateClusterCommand({ cluster: name, settings: [{ name: 'containerInsights', value: 'enabled' }] })),
        'ClusterNotFoundException',
        'The referenced cluster was inactive.',
      );
    });

    it('refuses an unknown setting value', async () => {
      const name = await newCluster();
      await expectEcsError(
        emu.ecs.send(new UpdateClusterCommand({ cluster: name, settings: [{ name: 'containerInsights', value: 'maybe' }] })),
        'InvalidParameterException',
      );
    });
  });
});
