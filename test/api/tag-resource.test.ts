import { CreateClusterCommand, DeleteClusterCommand, ListTagsForResourceCommand, TagResourceCommand } from '@aws-sdk/client-ecs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectEcsError } from '../support/ecs-error.js';
import { startTestEmulator, uniqueName, type TestEmulator } from '../support/emulator.js';
import { seedTaskDefinition } from '../support/task-definitions.js';

let emu: TestEmulator;
beforeAll(async () => {
  emu = await startTestEmulator();
});
afterAll(() => emu.close());

const PREFIX = 'arn:aws:ecs:us-east-1:000000000000';

async function newClusterArn(tags?: { key: string; value: string }[]) {
  const { cluster } = await emu.ecs.send(new CreateClusterCommand({ clusterName: uniqueName('t'), tags }));
  return cluster!.clusterArn!;
}

const tagsOf = async (resourceArn: string) => (await emu.ecs.send(new ListTagsForResourceCommand({ resourceArn }))).tags;

describe('TagResource', () => {
  describe('behaviour', () => {
    it('adds tags to a cluster, replacing the value of a key it already has', async () => {
      const arn = await newClusterArn([
        { key: 'env', value: 'dev' },
        { key: 'team', value: 'a' },
      ]);
      await emu.ecs.send(
        new TagResourceCommand({
          resourceArn: arn,
          tags: [
            { key: 'env', value: 'prod' },
            { key: 'new', value: '' },
          ],
        }),
      );
      expect(await tagsOf(arn)).toEqual([
        { key: 'env', value: 'prod' },
        { key: 'team', value: 'a' },
        { key: 'new', value: '' },
      ]);
    });

    it('tags a task definition revision', async () => {
      const arn = seedTaskDefinition(emu, uniqueName('fam'));
      await emu.ecs.send(new TagResourceCommand({ resourceArn: arn, tags: [{ key: 'k', value: 'v' }] }));
      expect(await tagsOf(arn)).toEqual([{ key: 'k', value: 'v' }]);
    });

    it('accepts 50 tags, keys of 128 and values of 256 characters', async () => {
      const arn = await newClusterArn();
      const tags = Array.from({ length: 50 }, (_, i) => ({ key: `${i}`.padEnd(128, 'k'), value: 'v'.repeat(256) }));
      await emu.ecs.send(new TagResourceCommand({ resourceArn: arn, tags }));
      expect(await tagsOf(arn)).toHaveLength(50);
    });
  });

  describe('errors', () => {
    it('refuses a 51st tag with LimitExceededException', async () => {
      const arn = await newClusterArn();
      const tags = Array.from({ length: 50 }, (_, i) => ({ key: `k${i}`, value: 'v' }));
      await emu.ecs.send(new TagResourceCommand({ resourceArn: arn, tags }));
      await expectEcsError(
        emu.ecs.send(new TagResourceCommand({ resourceArn: arn, tags: [{ key: 'one-more', value: 'v' }] })),
        'LimitExceededException',
      );
      expect(await tagsOf(arn)).toHaveLength(50);
    });

    it.each([
      ['an empty key', { key: '', value: 'v' }],
      ['a key of 129 characters', { key: 'k'.repeat(129), value: 'v' }],
      ['a value of 257 characters', { key: 'k', value: 'v'.repeat(257) }],
      ['an aws: key', { key: 'aws:cloudformation:stack-name', value: 'v' }],
      ['an Aws: key', { key: 'Aws:thing', value: 'v' }],
      ['an aws: value', { key: 'k', value: 'aws:thing' }],
    ])('refuses %s', async (_what, tag) => {
      const arn = await newClusterArn();
      const err = await emu.ecs
        .send(new TagResourceCommand({ resourceArn: arn, tags: [tag] }))
        .catch((e: { name: string; $metadata: { httpStatusCode: number } }) => e);
      // Lengths are model constraints too: whichever check answers first, it is a 400 client error.
      expect((err as { name: string }).name).toBe('InvalidParameterException');
      expect((err as { $metadata: { httpStatusCode: number } }).$metadata.httpStatusCode).toBe(400);
      expect(await tagsOf(arn)).toEqual([]);
    });

    it('refuses the same key twice in one request', async () => {
      const arn = await newClusterArn();
      await expectEcsError(
        emu.ecs.send(
          new TagResourceCommand({
            resourceArn: arn,
            tags: [
              { key: 'a', value: '1' },
              { key: 'a', value: '2' },
            ],
          }),
        ),
        'InvalidParameterException',
      );
    });

    it('returns ClusterNotFoundException for an unknown cluster', async () => {
      await expectEcsError(
        emu.ecs.send(new TagResourceCommand({ resourceArn: `${PREFIX}:cluster/${uniqueName('nope')}`, tags: [{ key: 'a', value: '1' }] })),
        'ClusterNotFoundException',
        'Cluster not found.',
      );
    });

    it('refuses a deleted cluster as inactive', async () => {
      const arn = await newClusterArn();
      await emu.ecs.send(new DeleteClusterCommand({ cluster: arn }));
      await expectEcsError(
        emu.ecs.send(new TagResourceCommand({ resourceArn: arn, tags: [{ key: 'a', value: '1' }] })),
        'InvalidParameterException',
        'The specified cluster is inactive. Specify an active cluster and try again.',
      );
    });

    it('returns ResourceNotFoundException for an unknown task definition, task, service or capacity provider', async () => {
      const cluster = (await newClusterArn()).split('/').pop();
      for (const resourceArn of [
        `${PREFIX}:task-definition/${uniqueName('nofam')}:1`,
        `${PREFIX}:task/${cluster}/0123456789abcdef0123456789abcdef`,
        `${PREFIX}:service/${cluster}/web`,
        `${PREFIX}:capacity-provider/my-provider`,
      ]) {
        await expectEcsError(
          emu.ecs.send(new TagResourceCommand({ resourceArn, tags: [{ key: 'a', value: '1' }] })),
          'ResourceNotFoundException',
          "The specified resource wasn't found.",
        );
      }
    });

    it('refuses short-format service, task and container instance ARNs', async () => {
      for (const resourceArn of [
        `${PREFIX}:service/web`,
        `${PREFIX}:task/0123456789abcdef0123456789abcdef`,
        `${PREFIX}:container-instance/abc`,
      ]) {
        await expectEcsError(
          emu.ecs.send(new TagResourceCommand({ resourceArn, tags: [{ key: 'a', value: '1' }] })),
          'InvalidParameterException',
          'Long arn format must be used for tagging operations',
        );
      }
    });

    it('refuses an ARN that is not an ECS resource', async () => {
      for (const resourceArn of ['arn:aws:ecr:us-east-1:000000000000:repository/app', 'not-an-arn', `${PREFIX}:widget/x`]) {
        await expectEcsError(
          emu.ecs.send(new TagResourceCommand({ resourceArn, tags: [{ key: 'a', value: '1' }] })),
          'InvalidParameterException',
          'The ARN provided is invalid.',
        );
      }
    });

    it('does not find a cluster of another account', async () => {
      const arn = await newClusterArn();
      const other = emu.client({ accountId: '210987654321' });
      await expectEcsError(
        other.send(new TagResourceCommand({ resourceArn: arn, tags: [{ key: 'a', value: '1' }] })),
        'ClusterNotFoundException',
      );
      other.destroy();
    });
  });
});
