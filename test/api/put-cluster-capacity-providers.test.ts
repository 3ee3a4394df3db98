import {
  CreateClusterCommand,
  DeleteClusterCommand,
  DescribeClustersCommand,
  PutClusterCapacityProvidersCommand,
} from '@aws-sdk/client-ecs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectEcsError } from '../support/ecs-error.js';
import { startTestEmulator, uniqueName, type TestEmulator } from '../support/emulator.js';

let emu: TestEmulator;
beforeAll(async () => {
  emu = await startTestEmulator();
});
afterAll(() => emu.close());

async function newCluster() {
  const clusterName = uniqueName('cp');
  await emu.ecs.send(new CreateClusterCommand({ clusterName, capacityProviders: ['FARGATE'] }));
  return clusterName;
}

describe('PutClusterCapacityProviders', () => {
  describe('behaviour', () => {
    it('replaces the providers and the default strategy', async () => {
      const name = await newCluster();
      const { cluster } = await emu.ecs.send(
        new PutClusterCapacityProvidersCommand({
          cluster: name,
          capacityProviders: ['FARGATE', 'FARGATE_SPOT'],
          defaultCapacityProviderStrategy: [
            { capacityProvider: 'FARGATE', weight: 1, base: 1 },
            { capacityProvider: 'FARGATE_SPOT', weight: 3 },
          ],
        }),
      );
      expect(cluster).toMatchObject({
        clusterName: name,
        capacityProviders: ['FARGATE', 'FARGATE_SPOT'],
        defaultCapacityProviderStrategy: [
          { capacityProvider: 'FARGATE', weight: 1, base: 1 },
          { capacityProvider: 'FARGATE_SPOT', weight: 3, base: 0 },
        ],
        settings: [{ name: 'containerInsights', value: 'disabled' }],
      });
      const described = await emu.ecs.send(new DescribeClustersCommand({ clusters: [name] }));
      expect(described.clusters?.[0]?.capacityProviders).toEqual(['FARGATE', 'FARGATE_SPOT']);
    });

    it('removes every provider with empty lists', async () => {
      const name = await newCluster();
      const { cluster } = await emu.ecs.send(
        new PutClusterCapacityProvidersCommand({ cluster: name, capacityProviders: [], defaultCapacityProviderStrategy: [] }),
      );
      expect(cluster?.capacityProviders).toEqual([]);
      expect(cluster?.defaultCapacityProviderStrategy).toEqual([]);
    });

    it('accepts a default strategy whose weights are all zero (refused only when a task is placed)', async () => {
      const name = await newCluster();
      const { cluster } = await emu.ecs.send(
        new PutClusterCapacityProvidersCommand({
          cluster: name,
          capacityProviders: ['FARGATE'],
          defaultCapacityProviderStrategy: [{ capacityProvider: 'FARGATE', weight: 0, base: 5 }],
        }),
      );
      expect(cluster?.defaultCapacityProviderStrategy).toEqual([{ capacityProvider: 'FARGATE', weight: 0, base: 5 }]);
    });
  });

  describe('errors', () => {
    it('returns ClusterNotFoundException for an unknown cluster', async () => {
      await expectEcsError(
        emu.ecs.send(
          new PutClusterCapacityProvidersCommand({
            cluster: uniqueName('nope'),
            capacityProviders: [],
            defaultCapacityProviderStrategy: [],
          }),
        ),
        'ClusterNotFoundException',
        'Cluster not found.',
      );
    });

    it('returns ClusterNotFoundException for a deleted cluster', async () => {
      const name = await newCluster();
      await emu.ecs.send(new DeleteClusterCommand({ cluster: name }));
      await expectEcsError(
        emu.ecs.send(new PutClusterCapacityProvidersCommand({ cluster: name, capacityProviders: [], defaultCapacityProviderStrategy: [] })),
        'ClusterNotFoundException',
        'The referenced cluster was inactive.',
      );
    });

    it('refuses a provider that does not exist', async () => {
      const name = await newCluster();
      await expectEcsError(
        emu.ecs.send(
          new PutClusterCapacityProvidersCommand({ cluster: name, capacityProviders: ['EC2_ASG'], defaultCapacityProviderStrategy: [] }),
        ),
        'InvalidParameterException',
        'The specified capacity provider was not found. Specify a valid capacity provider and try again.',
      );
    });

    it('refuses a strategy with a provider not in the new list', async () => {
      const name = await newCluster();
      await expectEcsError(
        emu.ecs.send(
          new PutClusterCapacityProvidersCommand({
            cluster: name,
            capacityProviders: ['FARGATE_SPOT'],
            defaultCapacityProviderStrategy: [{ capacityProvider: 'FARGATE', weight: 1 }],
          }),
        ),
        'InvalidParameterException',
        /not associated with the cluster/,
      );
    });

    it('refuses two providers with a base', async () => {
      const name = await newCluster();
      await expectEcsError(
        emu.ecs.send(
          new PutClusterCapacityProvidersCommand({
            cluster: name,
            capacityProviders: ['FARGATE', 'FARGATE_SPOT'],
            defaultCapacityProviderStrategy: [
              { capacityProvider: 'FARGATE', weight: 1, base: 2 },
              { capacityProvider: 'FARGATE_SPOT', weight: 1, base: 1 },
            ],
          }),
        ),
        'InvalidParameterException',
      );
    });

    it('refuses the same provider twice in the strategy', async () => {
      const name = await newCluster();
      await expectEcsError(
        emu.ecs.send(
          new PutClusterCapacityProvidersCommand({
            cluster: name,
            capacityProviders: ['FARGATE'],
            defaultCapacityProviderStrategy: [
              { capacityProvider: 'FARGATE', weight: 1 },
              { capacityProvider: 'FARGATE', weight: 2 },
            ],
          }),
        ),
        'InvalidParameterException',
      );
    });
  });
});
