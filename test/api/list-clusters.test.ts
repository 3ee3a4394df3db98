import { CreateClusterCommand, DeleteClusterCommand, ListClustersCommand, type ECSClient } from '@aws-sdk/client-ecs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectEcsError, uniqueAccountId } from '../support/ecs-error.js';
import { startTestEmulator, uniqueName, type TestEmulator } from '../support/emulator.js';

let emu: TestEmulator;
beforeAll(async () => {
  emu = await startTestEmulator();
});
afterAll(() => emu.close());

async function listAll(ecs: ECSClient, maxResults?: number) {
  const arns: string[] = [];
  let nextToken: string | undefined;
  let pages = 0;
  do {
    const page = await ecs.send(new ListClustersCommand({ maxResults, nextToken }));
    arns.push(...(page.clusterArns ?? []));
    nextToken = page.nextToken;
    pages += 1;
  } while (nextToken);
  return { arns, pages };
}

describe('ListClusters', () => {
  describe('behaviour', () => {
    it('lists the ARNs of the clusters of the account and region', async () => {
      const ecs = emu.client({ accountId: uniqueAccountId() });
      const names = [uniqueName('l'), uniqueName('l')];
      for (const clusterName of names) await ecs.send(new CreateClusterCommand({ clusterName }));
      const { clusterArns, nextToken } = await ecs.send(new ListClustersCommand({}));
      expect(clusterArns?.map((a) => a.split('/').pop()).sort()).toEqual([...names].sort());
      expect(clusterArns?.every((a) => a.startsWith('arn:aws:ecs:us-east-1:'))).toBe(true);
      expect(nextToken).toBeUndefined();
      ecs.destroy();
    });

    it('pages with maxResults and nextToken, each cluster once', async () => {
      const ecs = emu.client({ accountId: uniqueAccountId() });
      const names = Array.from({ length: 7 }, () => uniqueName('p'));
      for (const clusterName of names) await ecs.send(new CreateClusterCommand({ clusterName }));
      const { arns, pages } = await listAll(ecs, 3);
      expect(pages).toBe(3);
      expect(arns.map((a) => a.split('/').pop()).sort()).toEqual([...names].sort());
      ecs.destroy();
    });

    it('returns at most 100 clusters per page by default', async () => {
      const ecs = emu.client({ accountId: uniqueAccountId() });
      for (let i = 0; i < 101; i += 1) await ecs.send(new CreateClusterCommand({ clusterName: `many-${String(i).padStart(3, '0')}` }));
      const first = await ecs.send(new ListClustersCommand({}));
      expect(first.clusterArns).toHaveLength(100);
      expect(first.nextToken).toBeDefined();
      const second = await ecs.send(new ListClustersCommand({ nextToken: first.nextToken }));
      expect(second.clusterArns?.map((a) => a.split('/').pop())).toEqual(['many-100']);
      expect(second.nextToken).toBeUndefined();
      ecs.destroy();
    });

    it('keeps deleted (INACTIVE) clusters listed', async () => {
      const ecs = emu.client({ accountId: uniqueAccountId() });
      const clusterName = uniqueName('gone');
      await ecs.send(new CreateClusterCommand({ clusterName }));
      await ecs.send(new DeleteClusterCommand({ cluster: clusterName }));
      const { clusterArns } = await ecs.send(new ListClustersCommand({}));
      expect(clusterArns?.map((a) => a.split('/').pop())).toEqual([clusterName]);
      ecs.destroy();
    });

    it('isolates accounts and regions: a cluster made in one is not listed in another', async () => {
      const account = uniqueAccountId();
      const here = emu.client({ accountId: account, region: 'us-east-1' });
      const otherRegion = emu.client({ accountId: account, region: 'ap-southeast-2' });
      const otherAccount = emu.client({ accountId: uniqueAccountId(), region: 'us-east-1' });
      await here.send(new CreateClusterCommand({ clusterName: 'isolated' }));
      expect((await here.send(new ListClustersCommand({}))).clusterArns).toEqual([`arn:aws:ecs:us-east-1:${account}:cluster/isolated`]);
      expect((await otherRegion.send(new ListClustersCommand({}))).clusterArns).toEqual([]);
      expect((await otherAccount.send(new ListClustersCommand({}))).clusterArns).toEqual([]);
      for (const c of [here, otherRegion, otherAccount]) c.destroy();
    });
  });

  describe('errors', () => {
    it.each([0, 101])('refuses maxResults %i', async (maxResults) => {
      await expectEcsError(emu.ecs.send(new ListClustersCommand({ maxResults })), 'InvalidParameterException');
    });

    it('refuses a nextToken it did not issue', async () => {
      await expectEcsError(emu.ecs.send(new ListClustersCommand({ nextToken: 'not-a-token' })), 'InvalidParameterException');
    });
  });
});
