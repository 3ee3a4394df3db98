import {
  DeleteTaskDefinitionsCommand,
  DeregisterTaskDefinitionCommand,
  ListTaskDefinitionsCommand,
  RegisterTaskDefinitionCommand,
} from '@aws-sdk/client-ecs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { errorOf } from '../support/api-errors.js';
import { startTestEmulator, uniqueName, type TestEmulator } from '../support/emulator.js';
import { taskDefinitionFixture } from '../support/task-definition-fixtures.js';

let emu: TestEmulator;
beforeAll(async () => {
  emu = await startTestEmulator();
});
afterAll(() => emu.close());

const remove = (taskDefinitions: string[]) => emu.ecs.send(new DeleteTaskDefinitionsCommand({ taskDefinitions }));

async function family(revisions: number): Promise<string> {
  const name = uniqueName('batch');
  for (let i = 0; i < revisions; i += 1) {
    await emu.ecs.send(new RegisterTaskDefinitionCommand({ ...taskDefinitionFixture('ec2-bridge'), family: name }));
  }
  return name;
}

describe('DeleteTaskDefinitions', () => {
  describe('behaviour', () => {
    it('moves INACTIVE revisions to DELETE_IN_PROGRESS and reports the others as failures', async () => {
      const name = await family(2);
      await emu.ecs.send(new DeregisterTaskDefinitionCommand({ taskDefinition: `${name}:1` }));
      const { taskDefinitions, failures } = await remove([`${name}:1`, `${name}:2`, `${name}:3`, name]);
      expect(taskDefinitions!.map((t) => [t.revision, t.status])).toEqual([[1, 'DELETE_IN_PROGRESS']]);
      expect(taskDefinitions![0]!.deleteRequestedAt).toBeInstanceOf(Date);
      expect(failures).toEqual([
        {
          arn: `${name}:2`,
          reason: 'The specified task definition is still in ACTIVE status. Please deregister the target and try again.',
        },
        {
          arn: `${name}:3`,
          reason: 'The specified task definition does not exist. Specify a valid account, family, revision and try again.',
        },
        {
          arn: name,
          reason: 'The specified task definition identifier is invalid. Specify a valid name or ARN and try again.',
        },
      ]);
    });

    it('lists deleted revisions under DELETE_IN_PROGRESS only', async () => {
      const name = await family(1);
      await emu.ecs.send(new DeregisterTaskDefinitionCommand({ taskDefinition: `${name}:1` }));
      await remove([`arn:aws:ecs:us-east-1:000000000000:task-definition/${name}:1`]);
      const list = async (status: 'INACTIVE' | 'DELETE_IN_PROGRESS') =>
        (await emu.ecs.send(new ListTaskDefinitionsCommand({ familyPrefix: name, status }))).taskDefinitionArns;
      expect(await list('INACTIVE')).toEqual([]);
      expect(await list('DELETE_IN_PROGRESS')).toEqual([`arn:aws:ecs:us-east-1:000000000000:task-definition/${name}:1`]);
    });
  });

  describe('errors', () => {
    it('returns InvalidParameterException for more than 10 task definitions', async () => {
      const refs = Array.from({ length: 11 }, (_, i) => `x:${i + 1}`);
      expect(await errorOf(remove(refs))).toEqual({
        name: 'InvalidParameterException',
        status: 400,
        message: 'taskDefinitions can have at most 10 items.',
      });
    });
  });
});
