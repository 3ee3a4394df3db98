import { CreateClusterCommand, DescribeClustersCommand, UpdateClusterSettingsCommand } from '@aws-sdk/client-ecs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectEcsError } from '../support/ecs-error.js';
import { startTestEmulator, uniqueName, type TestEmulator } from '../support/emulator.js';

let emu: TestEmulator;
beforeAll(async () => {
  emu = await startTestEmulator();
});
afterAll(() => emu.close());

describe('UpdateClusterSettings', () => {
  describe('behaviour', () => {
    it.each(['enabled', 'enhanced', 'disabled'])('sets containerInsights to %s', async (value) => {
      const name = uniqueName('s');
      await emu.ecs.send(new CreateClusterCommand({ clusterName: name }));
      const { cluster } = await emu.ecs.send(
        new UpdateClusterSettingsCommand({ cluster: name, settings: [{ name: 'containerInsights', value }] }),
      );
      expect(cluster).toMatchObject({ clusterName: name, settings: [{ name: 'containerInsights', value }], tags: [] });
      const described = await emu.ecs.send(new DescribeClustersCommand({ clusters: [name], include: ['SETTINGS'] }));
      expect(described.clusters?.[0]?.settings).toEqual([{ name: 'containerInsights', value }]);
    });
  });

  describe('errors', () => {
    it('returns ClusterNotFoundException for an unknown cluster', async () => {
      await expectEcsError(
        emu.ecs.send(
          new UpdateClusterSettingsCommand({ cluster: uniqueName('nope'), settings: [{ name: 'containerInsights', value: 'enabled' }] }),
        ),
        'ClusterNotFoundException',
        'Cluster not found.',
      );
    });

    it('refuses an unknown containerInsights value', async () => {
      const name = uniqueName('s');
      await emu.ecs.send(new CreateClusterCommand({ clusterName: name }));
      await expectEcsError(
        emu.ecs.send(new UpdateClusterSettingsCommand({ cluster: name, settings: [{ name: 'containerInsights', value: 'ENABLED' }] })),
        'InvalidParameterException',
      );
    });
  });
});
