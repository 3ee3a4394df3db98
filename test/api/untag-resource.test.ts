import { CreateClusterCommand, DeleteClusterCommand, ListTagsForResourceCommand, UntagResourceCommand } from '@aws-sdk/client-ecs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectEcsError } from '../support/ecs-error.js';
import { startTestEmulator, uniqueName, type TestEmulator } from '../support/emulator.js';

let emu: TestEmulator;
beforeAll(async () => {
  emu = await startTestEmulator();
});
afterAll(() => emu.close());

async function taggedCluster() {
  const { cluster } = await emu.ecs.send(
    new CreateClusterCommand({
      clusterName: uniqueName('ut'),
      tags: [
        { key: 'a', value: '1' },
        { key: 'b', value: '2' },
        { key: 'c', value: '3' },
      ],
    }),
  );
  return cluster!.clusterArn!;
}

describe('UntagResource', () => {
  describe('behaviour', () => {
    it('removes the keys given and ignores keys the resource does not have', async () => {
      const arn = await taggedCluster();
      await emu.ecs.send(new UntagResourceCommand({ resourceArn: arn, tagKeys: ['a', 'c', 'zzz'] }));
      const { tags } = await emu.ecs.send(new ListTagsForResourceCommand({ resourceArn: arn }));
      expect(tags).toEqual([{ key: 'b', value: '2' }]);
    });

    it('can remove every tag', async () => {
      const arn = await taggedCluster();
      await emu.ecs.send(new UntagResourceCommand({ resourceArn: arn, tagKeys: ['a', 'b', 'c'] }));
      expect((await emu.ecs.send(new ListTagsForResourceCommand({ resourceArn: arn }))).tags).toEqual([]);
    });
  });

  describe('errors', () => {
    it('refuses to remove an aws: key', async () => {
      const arn = await taggedCluster();
      await expectEcsError(
        emu.ecs.send(new UntagResourceCommand({ resourceArn: arn, tagKeys: ['aws:ecs:clusterName'] })),
        'InvalidParameterException',
      );
    });

    it('returns ClusterNotFoundException for an unknown cluster', async () => {
      await expectEcsError(
        emu.ecs.send(
          new UntagResourceCommand({ resourceArn: `arn:aws:ecs:us-east-1:000000000000:cluster/${uniqueName('nope')}`, tagKeys: ['a'] }),
        ),
        'ClusterNotFoundException',
      );
    });

    it('refuses a deleted cluster as inactive', async () => {
      const arn = await taggedCluster();
      await emu.ecs.send(new DeleteClusterCommand({ cluster: arn }));
      await expectEcsError(
        emu.ecs.send(new UntagResourceCommand({ resourceArn: arn, tagKeys: ['a'] })),
        'InvalidParameterException',
        'The specified cluster is inactive. Specify an active cluster and try again.',
      );
    });

    it('refuses an ARN that is not an ECS resource', async () => {
      await expectEcsError(
        emu.ecs.send(new UntagResourceCommand({ resourceArn: 'arn:aws:s3:::bucket', tagKeys: ['a'] })),
        'InvalidParameterException',
        'The ARN provided is invalid.',
      );
    });
  });
});
