import { CreateClusterCommand, DeleteClusterCommand, DescribeClustersCommand, ListTagsForResourceCommand } from '@aws-sdk/client-ecs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectEcsError } from '../support/ecs-error.js';
import { startTestEmulator, uniqueName, type TestEmulator } from '../support/emulator.js';

let emu: TestEmulator;
beforeAll(async () => {
  emu = await startTestEmulator();
});
afterAll(() => emu.close());

describe('DeleteCluster', () => {
  describe('behaviour', () => {
    it('makes the cluster INACTIVE and answers with it', async () => {
      const name = uniqueName('del');
      await emu.ecs.send(new CreateClusterCommand({ clusterName: name, tags: [{ key: 'a', value: 'b' }] }));
      const { cluster } = await emu.ecs.send(new DeleteClusterCommand({ cluster: name }));
      expect(cluster).toMatchObject({
        clusterName: name,
        clusterArn: `arn:aws:ecs:us-east-1:000000000000:cluster/${name}`,
        status: 'INACTIVE',
        runningTasksCount: 0,
        pendingTasksCount: 0,
        activeServicesCount: 0,
        tags: [],
      });
    });

    it('keeps the deleted cluster describable, without its tags', async () => {
      const name = uniqueName('del');
      await emu.ecs.send(new CreateClusterCommand({ clusterName: name, tags: [{ key: 'a', value: 'b' }] }));
      await emu.ecs.send(new DeleteClusterCommand({ cluster: `arn:aws:ecs:us-east-1:000000000000:cluster/${name}` }));
      const { clusters } = await emu.ecs.send(new DescribeClustersCommand({ clusters: [name], include: ['TAGS'] }));
      expect(clusters?.[0]).toMatchObject({ status: 'INACTIVE', tags: [] });
    });

    it('leaves tagging of the deleted cluster refused as inactive', async () => {
      const name = uniqueName('del');
      const { cluster } = await emu.ecs.send(new CreateClusterCommand({ clusterName: name }));
      await emu.ecs.send(new DeleteClusterCommand({ cluster: name }));
      await expectEcsError(
        emu.ecs.send(new ListTagsForResourceCommand({ resourceArn: cluster!.clusterArn! })),
        'InvalidParameterException',
        'The specified cluster is inactive. Specify an active cluster and try again.',
      );
    });
  });

  describe('errors', () => {
    it('returns ClusterNotFoundException for an unknown cluster', async () => {
      await expectEcsError(
        emu.ecs.send(new DeleteClusterCommand({ cluster: uniqueName('nope') })),
        'ClusterNotFoundException',
        'Cluster not found.',
      );
    });

    it('returns ClusterNotFoundException when deleting twice', async () => {
      const name = uniqueName('del');
      await emu.ecs.send(new CreateClusterCommand({ clusterName: name }));
      await emu.ecs.send(new DeleteClusterCommand({ cluster: name }));
      await expectEcsError(emu.ecs.send(new DeleteClusterCommand({ cluster: name })), 'ClusterNotFoundException');
    });

    it('returns ClusterNotFoundException for the ARN of a cluster in another region', async () => {
      const name = uniqueName('del');
      await emu.ecs.send(new CreateClusterCommand({ clusterName: name }));
      await expectEcsError(
        emu.ecs.send(new DeleteClusterCommand({ cluster: `arn:aws:ecs:eu-west-1:000000000000:cluster/${name}` })),
        'ClusterNotFoundException',
      );
    });
  });
});
