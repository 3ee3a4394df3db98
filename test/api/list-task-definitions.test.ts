import {
  DeregisterTaskDefinitionCommand,
  ListTaskDefinitionsCommand,
  paginateListTaskDefinitions,
  RegisterTaskDefinitionCommand,
  type ECSClient,
} from '@aws-sdk/client-ecs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { errorOf } from '../support/api-errors.js';
import { startTestEmulator, type TestEmulator } from '../support/emulator.js';
import { taskDefinitionFixture } from '../support/task-definition-fixtures.js';

let emu: TestEmulator;
beforeAll(async () => {
  emu = await startTestEmulator();
});
afterAll(() => emu.close());

let accounts = 0;
/** A client for an account of its own, so the test sees only what it registered. */
function freshAccount(): { ecs: ECSClient; arn: (ref: string) => string } {
  accounts += 1;
  const accountId = String(200000000000 + accounts);
  const ecs = emu.client({ accountId });
  return { ecs, arn: (ref) => `arn:aws:ecs:us-east-1:${accountId}:task-definition/${ref}` };
}

async function registerRevisions(ecs: ECSClient, family: string, count: number) {
  for (let i = 0; i < count; i += 1) {
    await ecs.send(new RegisterTaskDefinitionCommand({ ...taskDefinitionFixture('ec2-bridge'), family }));
  }
}

describe('ListTaskDefinitions', () => {
  describe('behaviour', () => {
    it('lists ACTIVE revisions by family, then numeric revision; DESC puts the newest first', async () => {
      const { ecs, arn } = freshAccount();
      await registerRevisions(ecs, 'web', 10);
      await registerRevisions(ecs, 'api', 1);
      await ecs.send(new DeregisterTaskDefinitionCommand({ taskDefinition: 'web:5' }));
      const asc = (await ecs.send(new ListTaskDefinitionsCommand({}))).taskDefinitionArns;
      expect(asc).toEqual([arn('api:1'), ...[1, 2, 3, 4, 6, 7, 8, 9, 10].map((r) => arn(`web:${r}`))]);
      const desc = (await ecs.send(new ListTaskDefinitionsCommand({ sort: 'DESC' }))).taskDefinitionArns;
      expect(desc).toEqual([...asc!].reverse());
      ecs.destroy();
    });

    it('filters by status and by the full family name', async () => {
      const { ecs, arn } = freshAccount();
      await registerRevisions(ecs, 'web', 2);
      await registerRevisions(ecs, 'web-admin', 1);
      await ecs.send(new DeregisterTaskDefinitionCommand({ taskDefinition: 'web:1' }));
      const list = async (input: object) => (await ecs.send(new ListTaskDefinitionsCommand(input))).taskDefinitionArns;
      expect(await list({ familyPrefix: 'web' })).toEqual([arn('web:2')]);
      expect(await list({ familyPrefix: 'we' })).toEqual([]);
      expect(await list({ status: 'INACTIVE' })).toEqual([arn('web:1')]);
      expect(await list({ status: 'DELETE_IN_PROGRESS' })).toEqual([]);
      ecs.destroy();
    });

    it('pages with maxResults and nextToken, in both orders', async () => {
      const { ecs } = freshAccount();
      await registerRevisions(ecs, 'paged', 7);
      for (const sort of ['ASC', 'DESC'] as const) {
        const all = (await ecs.send(new ListTaskDefinitionsCommand({ sort }))).taskDefinitionArns!;
        const first = await ecs.send(new ListTaskDefinitionsCommand({ sort, maxResults: 3 }));
        expect(first.taskDefinitionArns).toEqual(all.slice(0, 3));
        expect(first.nextToken).toEqual(expect.any(String));
        const pages: string[][] = [];
        for await (const page of paginateListTaskDefinitions({ client: ecs, pageSize: 3 }, { sort })) {
          pages.push(page.taskDefinitionArns ?? []);
        }
        expect(pages.map((p) => p.length)).toEqual([3, 3, 1]);
        expect(pages.flat()).toEqual(all);
      }
      ecs.destroy();
    });
  });

  describe('errors', () => {
    it.each([0, 101])('returns InvalidParameterException for maxResults %i', async (maxResults) => {
      const err = await errorOf(emu.ecs.send(new ListTaskDefinitionsCommand({ maxResults })));
      expect(err).toEqual({ name: 'InvalidParameterException', status: 400, message: 'maxResults must be between 1 and 100.' });
    });

    it('returns InvalidParameterException for a nextToken it did not issue', async () => {
      const err = await errorOf(emu.ecs.send(new ListTaskDefinitionsCommand({ nextToken: 'garbage' })));
      expect([err.name, err.status]).toEqual(['InvalidParameterException', 400]);
    });
  });
});
