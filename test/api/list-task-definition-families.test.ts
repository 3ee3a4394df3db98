import {
  DeregisterTaskDefinitionCommand,
  ListTaskDefinitionFamiliesCommand,
  type ListTaskDefinitionFamiliesRequest,
  paginateListTaskDefinitionFamilies,
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
function freshAccount(): ECSClient {
  accounts += 1;
  return emu.client({ accountId: String(300000000000 + accounts) });
}

const register = (ecs: ECSClient, family: string) =>
  ecs.send(new RegisterTaskDefinitionCommand({ ...taskDefinitionFixture('ec2-bridge'), family }));
const families = async (ecs: ECSClient, input: ListTaskDefinitionFamiliesRequest = {}) =>
  (await ecs.send(new ListTaskDefinitionFamiliesCommand(input))).families;

describe('ListTaskDefinitionFamilies', () => {
  describe('behaviour', () => {
    it('lists ACTIVE and INACTIVE families by default, and filters by status', async () => {
      const ecs = freshAccount();
      await register(ecs, 'web');
      await register(ecs, 'api');
      await register(ecs, 'api');
      await register(ecs, 'retired');
      await ecs.send(new DeregisterTaskDefinitionCommand({ taskDefinition: 'retired:1' }));
      await ecs.send(new DeregisterTaskDefinitionCommand({ taskDefinition: 'api:1' }));
      expect(await families(ecs)).toEqual(['api', 'retired', 'web']);
      expect(await families(ecs, { status: 'ALL' })).toEqual(['api', 'retired', 'web']);
      expect(await families(ecs, { status: 'ACTIVE' })).toEqual(['api', 'web']);
      expect(await families(ecs, { status: 'INACTIVE' })).toEqual(['retired']);
      ecs.destroy();
    });

    it('filters by a name prefix', async () => {
      const ecs = freshAccount();
      for (const f of ['web', 'web-admin', 'worker', 'api']) await register(ecs, f);
      expect(await families(ecs, { familyPrefix: 'w' })).toEqual(['web', 'web-admin', 'worker']);
      expect(await families(ecs, { familyPrefix: 'web-' })).toEqual(['web-admin']);
      ecs.destroy();
    });

    it('pages with maxResults and nextToken', async () => {
      const ecs = freshAccount();
      const names = Array.from({ length: 5 }, (_, i) => `family-${i}`);
      for (const f of names) await register(ecs, f);
      const pages: string[][] = [];
      for await (const page of paginateListTaskDefinitionFamilies({ client: ecs, pageSize: 2 }, {})) pages.push(page.families ?? []);
      expect(pages).toEqual([names.slice(0, 2), names.slice(2, 4), names.slice(4)]);
      ecs.destroy();
    });
  });

  describe('errors', () => {
    it.each([0, 101])('returns InvalidParameterException for maxResults %i', async (maxResults) => {
      const err = await errorOf(emu.ecs.send(new ListTaskDefinitionFamiliesCommand({ maxResults })));
      expect(err).toEqual({ name: 'InvalidParameterException', status: 400, message: 'maxResults must be between 1 and 100.' });
    });
  });
});
