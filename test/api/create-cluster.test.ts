import { CreateClusterCommand, DeleteClusterCommand, DescribeClustersCommand, PutAccountSettingDefaultCommand } from '@aws-sdk/client-ecs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectEcsError, uniqueAccountId } from '../support/ecs-error.js';
import { startTestEmulator, uniqueName, type TestEmulator } from '../support/emulator.js';

let emu: TestEmulator;
beforeAll(async () => {
  emu = await startTestEmulator();
});
afterAll(() => emu.close());

const NOT_ASSOCIATED =
  'The specified capacity provider strategy cannot contain a capacity provider that is not associated with the cluster. ' +
  'Associate the capacity provider with the cluster or specify a valid capacity provider and try again.';

describe('CreateCluster', () => {
  describe('behaviour', () => {
    it('creates an ACTIVE cluster with a long-format ARN, its tags and containerInsights disabled', async () => {
      const name = uniqueName('c');
      const { cluster } = await emu.ecs.send(new CreateClusterCommand({ clusterName: name, tags: [{ key: 'k', value: 'v' }] }));
      expect(cluster).toEqual({
        clusterName: name,
        clusterArn: `arn:aws:ecs:us-east-1:000000000000:cluster/${name}`,
        status: 'ACTIVE',
        registeredContainerInstancesCount: 0,
        runningTasksCount: 0,
        pendingTasksCount: 0,
        activeServicesCount: 0,
        statistics: [],
        tags: [{ key: 'k', value: 'v' }],
        settings: [{ name: 'containerInsights', value: 'disabled' }],
        capacityProviders: [],
        defaultCapacityProviderStrategy: [],
      });
    });

    it('creates the default cluster when no name is given', async () => {
      const { cluster } = await emu.ecs.send(new CreateClusterCommand({}));
      expect(cluster?.clusterName).toBe('default');
      expect(cluster?.clusterArn).toBe('arn:aws:ecs:us-east-1:000000000000:cluster/default');
    });

    it('places resources in the account named by a 12-digit access key and the signed region', async () => {
      const other = emu.client({ accountId: '123456789012', region: 'eu-west-1' });
      const { cluster } = await other.send(new CreateClusterCommand({ clusterName: 'scoped' }));
      expect(cluster?.clusterArn).toBe('arn:aws:ecs:eu-west-1:123456789012:cluster/scoped');
      other.destroy();
    });

    it.each(['enabled', 'disabled', 'enhanced'])('accepts containerInsights=%s', async (value) => {
      const { cluster } = await emu.ecs.send(
        new CreateClusterCommand({ clusterName: uniqueName('ci'), settings: [{ name: 'containerInsights', value }] }),
      );
      expect(cluster?.settings).toEqual([{ name: 'containerInsights', value }]);
    });

    it('takes containerInsights from the account default when no setting is given', async () => {
      const ecs = emu.client({ accountId: uniqueAccountId() });
      await ecs.send(new PutAccountSettingDefaultCommand({ name: 'containerInsights', value: 'enhanced' }));
      const { cluster } = await ecs.send(new CreateClusterCommand({ clusterName: uniqueName('ci') }));
      expect(cluster?.settings).toEqual([{ name: 'containerInsights', value: 'enhanced' }]);
      ecs.destroy();
    });

    it('associates FARGATE and FARGATE_SPOT with a default strategy', async () => {
      const { cluster } = await emu.ecs.send(
        new CreateClusterCommand({
          clusterName: uniqueName('cp'),
          capacityProviders: ['FARGATE', 'FARGATE_SPOT'],
          defaultCapacityProviderStrategy: [
            { capacityProvider: 'FARGATE', weight: 1, base: 2 },
            { capacityProvider: 'FARGATE_SPOT', weight: 4 },
          ],
        }),
      );
      expect(cluster?.capacityProviders).toEqual(['FARGATE', 'FARGATE_SPOT']);
      expect(cluster?.defaultCapacityProviderStrategy).toEqual([
        { capacityProvider: 'FARGATE', weight: 1, base: 2 },
        { capacityProvider: 'FARGATE_SPOT', weight: 4, base: 0 },
      ]);
    });

    it('keeps the configuration and reports it', async () => {
      const configuration = { executeCommandConfiguration: { logging: 'DEFAULT' as const } };
      const { cluster } = await emu.ecs.send(new CreateClusterCommand({ clusterName: uniqueName('cfg'), configuration }));
      expect(cluster?.configuration).toEqual(configuration);
    });

    it('reports a Service Connect namespace given by name as a Cloud Map namespace ARN', async () => {
      const { cluster } = await emu.ecs.send(
        new CreateClusterCommand({ clusterName: uniqueName('sc'), serviceConnectDefaults: { namespace: 'local' } }),
      );
      expect(cluster?.serviceConnectDefaults?.namespace).toMatch(
        /^arn:aws:servicediscovery:us-east-1:000000000000:namespace\/ns-[a-z0-9]{16}$/,
      );
    });

    it('returns the existing cluster unchanged when the name is ACTIVE (idempotent)', async () => {
      const name = uniqueName('idem');
      const first = await emu.ecs.send(
        new CreateClusterCommand({ clusterName: name, capacityProviders: ['FARGATE'], tags: [{ key: 'a', value: '1' }] }),
      );
      const again = await emu.ecs.send(
        new CreateClusterCommand({ clusterName: name, settings: [{ name: 'containerInsights', value: 'enabled' }] }),
      );
      expect(again.cluster).toEqual(first.cluster);
    });

    it('makes a fresh ACTIVE cluster for the name of a deleted one', async () => {
      const name = uniqueName('again');
      await emu.ecs.send(new CreateClusterCommand({ clusterName: name, tags: [{ key: 'old', value: 'x' }] }));
      await emu.ecs.send(new DeleteClusterCommand({ cluster: name }));
      const { cluster } = await emu.ecs.send(new CreateClusterCommand({ clusterName: name }));
      expect(cluster?.status).toBe('ACTIVE');
      const described = await emu.ecs.send(new DescribeClustersCommand({ clusters: [name], include: ['TAGS'] }));
      expect(described.clusters?.[0]).toMatchObject({ status: 'ACTIVE', tags: [] });
    });
  });

  describe('errors', () => {
    it('returns InvalidParameterException for a name with a space', async () => {
      await expectEcsError(emu.ecs.send(new CreateClusterCommand({ clusterName: 'bad name' })), 'InvalidParameterException');
    });

    it('refuses a name longer than 255 characters', async () => {
      await expectEcsError(emu.ecs.send(new CreateClusterCommand({ clusterName: 'a'.repeat(256) })), 'InvalidParameterException');
    });

    it('refuses a containerInsights value AWS does not know', async () => {
      await expectEcsError(
        emu.ecs.send(new CreateClusterCommand({ clusterName: uniqueName('x'), settings: [{ name: 'containerInsights', value: 'on' }] })),
        'InvalidParameterException',
      );
    });

    it('refuses a capacity provider other than FARGATE and FARGATE_SPOT', async () => {
      await expectEcsError(
        emu.ecs.send(new CreateClusterCommand({ clusterName: uniqueName('x'), capacityProviders: ['my-asg-provider'] })),
        'InvalidParameterException',
        'The specified capacity provider was not found. Specify a valid capacity provider and try again.',
      );
    });

    it('refuses a default strategy naming a provider the cluster does not get', async () => {
      await expectEcsError(
        emu.ecs.send(
          new CreateClusterCommand({
            clusterName: uniqueName('x'),
            capacityProviders: ['FARGATE'],
            defaultCapacityProviderStrategy: [{ capacityProvider: 'FARGATE_SPOT', weight: 1 }],
          }),
        ),
        'InvalidParameterException',
        NOT_ASSOCIATED,
      );
    });

    it('refuses a strategy in which two providers set a base', async () => {
      await expectEcsError(
        emu.ecs.send(
          new CreateClusterCommand({
            clusterName: uniqueName('x'),
            capacityProviders: ['FARGATE', 'FARGATE_SPOT'],
            defaultCapacityProviderStrategy: [
              { capacityProvider: 'FARGATE', weight: 1, base: 1 },
              { capacityProvider: 'FARGATE_SPOT', weight: 1, base: 1 },
            ],
          }),
        ),
        'InvalidParameterException',
      );
    });

    it.each([[{ weight: 1001 }], [{ weight: -1 }], [{ weight: 1, base: 100001 }]])(
      'refuses a strategy item out of range (%j)',
      async (item) => {
        const err = await emu.ecs
          .send(
            new CreateClusterCommand({
              clusterName: uniqueName('x'),
              capacityProviders: ['FARGATE'],
              defaultCapacityProviderStrategy: [{ capacityProvider: 'FARGATE', ...item }],
            }),
          )
          .catch((e: { name: string; $metadata: { httpStatusCode: number } }) => e);
        // Ranges are model constraints too: whichever check answers first, it is a 400 client error.
        expect((err as { name: string }).name).toBe('ClientException'); // the model's range check answers first
        expect((err as { $metadata: { httpStatusCode: number } }).$metadata.httpStatusCode).toBe(400);
      },
    );

    it('refuses the name of an ACTIVE cluster with other capacity providers', async () => {
      const name = uniqueName('idem');
      await emu.ecs.send(new CreateClusterCommand({ clusterName: name }));
      await expectEcsError(
        emu.ecs.send(new CreateClusterCommand({ clusterName: name, capacityProviders: ['FARGATE'] })),
        'InvalidParameterException',
        'Arguments on this idempotent request are inconsistent with arguments used in previous request(s).',
      );
    });

    it('refuses tags with the reserved aws: prefix', async () => {
      await expectEcsError(
        emu.ecs.send(new CreateClusterCommand({ clusterName: uniqueName('x'), tags: [{ key: 'AWS:owner', value: 'me' }] })),
        'InvalidParameterException',
      );
    });
  });
});
