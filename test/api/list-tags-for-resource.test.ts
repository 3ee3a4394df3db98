import { CreateClusterCommand, ListTagsForResourceCommand, TagResourceCommand } from '@aws-sdk/client-ecs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectEcsError } from '../support/ecs-error.js';
import { startTestEmulator, uniqueName, type TestEmulator } from '../support/emulator.js';
import { seedTaskDefinition } from '../support/task-definitions.js';

let emu: TestEmulator;
beforeAll(async () => {
  emu = await startTestEmulator();
});
afterAll(() => emu.close());

describe('ListTagsForResource', () => {
  describe('behaviour', () => {
    it('lists a cluster tags in the order they were set', async () => {
      const { cluster } = await emu.ecs.send(
        new CreateClusterCommand({
          clusterName: uniqueName('lt'),
          tags: [
            { key: 'z', value: '1' },
            { key: 'a', value: '2' },
          ],
        }),
      );
      const { tags } = await emu.ecs.send(new ListTagsForResourceCommand({ resourceArn: cluster!.clusterArn! }));
      expect(tags).toEqual([
        { key: 'z', value: '1' },
        { key: 'a', value: '2' },
      ]);
    });

    it('lists no tags for an untagged resource', async () => {
      const { cluster } = await emu.ecs.send(new CreateClusterCommand({ clusterName: uniqueName('lt') }));
      expect((await emu.ecs.send(new ListTagsForResourceCommand({ resourceArn: cluster!.clusterArn! }))).tags).toEqual([]);
      const td = seedTaskDefinition(emu, uniqueName('fam'));
      expect((await emu.ecs.send(new ListTagsForResourceCommand({ resourceArn: td }))).tags).toEqual([]);
    });

    it('keeps tags per account: the same ARN text in another account is another resource', async () => {
      const other = emu.client({ accountId: '345678901234' });
      const name = uniqueName('lt');
      const mine = await emu.ecs.send(new CreateClusterCommand({ clusterName: name }));
      const theirs = await other.send(new CreateClusterCommand({ clusterName: name }));
      await other.send(new TagResourceCommand({ resourceArn: theirs.cluster!.clusterArn!, tags: [{ key: 'owner', value: 'them' }] }));
      expect((await emu.ecs.send(new ListTagsForResourceCommand({ resourceArn: mine.cluster!.clusterArn! }))).tags).toEqual([]);
      expect((await other.send(new ListTagsForResourceCommand({ resourceArn: theirs.cluster!.clusterArn! }))).tags).toEqual([
        { key: 'owner', value: 'them' },
      ]);
      other.destroy();
    });
  });

  describe('errors', () => {
    it('returns ClusterNotFoundException for an unknown cluster', async () => {
      await expectEcsError(
        emu.ecs.send(new ListTagsForResourceCommand({ resourceArn: `arn:aws:ecs:us-east-1:000000000000:cluster/${uniqueName('nope')}` })),
        'ClusterNotFoundException',
        'Cluster not found.',
      );
    });

    it('returns ClusterNotFoundException for a service of an unknown cluster', async () => {
      await expectEcsError(
        emu.ecs.send(
          new ListTagsForResourceCommand({ resourceArn: `arn:aws:ecs:us-east-1:000000000000:service/${uniqueName('nope')}/web` }),
        ),
        'ClusterNotFoundException',
      );
    });

    it('returns ResourceNotFoundException for an unknown task definition', async () => {
      await expectEcsError(
        emu.ecs.send(
          new ListTagsForResourceCommand({ resourceArn: `arn:aws:ecs:us-east-1:000000000000:task-definition/${uniqueName('f')}:3` }),
        ),
        'ResourceNotFoundException',
      );
    });

    it('refuses a malformed task definition ARN', async () => {
      await expectEcsError(
        emu.ecs.send(
          new ListTagsForResourceCommand({ resourceArn: 'arn:aws:ecs:us-east-1:000000000000:task-definition/family-without-revision' }),
        ),
        'InvalidParameterException',
        'The ARN provided is invalid.',
      );
    });
  });
});
