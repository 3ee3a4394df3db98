import { DeregisterTaskDefinitionCommand, DescribeTaskDefinitionCommand, RegisterTaskDefinitionCommand } from '@aws-sdk/client-ecs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { errorOf } from '../support/api-errors.js';
import { startTestEmulator, uniqueName, type TestEmulator } from '../support/emulator.js';
import { taskDefinitionFixture } from '../support/task-definition-fixtures.js';

let emu: TestEmulator;
beforeAll(async () => {
  emu = await startTestEmulator();
});
afterAll(() => emu.close());

const deregister = (taskDefinition: string) => emu.ecs.send(new DeregisterTaskDefinitionCommand({ taskDefinition }));

async function registered(): Promise<string> {
  const family = uniqueName('worker');
  await emu.ecs.send(new RegisterTaskDefinitionCommand({ ...taskDefinitionFixture('worker-with-secrets'), family }));
  return family;
}

describe('DeregisterTaskDefinition', () => {
  describe('behaviour', () => {
    it('marks the revision INACTIVE with deregisteredAt, and keeps it describable', async () => {
      const family = await registered();
      const { taskDefinition } = await deregister(`${family}:1`);
      expect(taskDefinition).toMatchObject({ family, revision: 1, status: 'INACTIVE', cpu: '512' });
      expect(taskDefinition!.deregisteredAt).toBeInstanceOf(Date);
      const described = await emu.ecs.send(new DescribeTaskDefinitionCommand({ taskDefinition: `${family}:1` }));
      expect(described.taskDefinition).toEqual(taskDefinition);
    });

    it('accepts a full ARN and answers again with the same record', async () => {
      const family = await registered();
      const arn = `arn:aws:ecs:us-east-1:000000000000:task-definition/${family}:1`;
      const first = await deregister(arn);
      const second = await deregister(arn);
      expect(second.taskDefinition).toEqual(first.taskDefinition);
    });
  });

  describe('errors', () => {
    it('returns ClientException when no revision is given', async () => {
      const family = await registered();
      expect(await errorOf(deregister(family))).toEqual({ name: 'ClientException', status: 400, message: 'Revision is missing.' });
    });

    it('returns ClientException naming a revision that is not a number, by family or ARN', async () => {
      const family = await registered();
      expect(await errorOf(deregister(`${family}:abc`))).toEqual({
        name: 'ClientException',
        status: 400,
        message: 'Invalid revision number. Number: abc',
      });
      const arn = `arn:aws:ecs:us-east-1:000000000000:task-definition/${family}:x1`;
      expect((await errorOf(deregister(arn))).message).toBe('Invalid revision number. Number: x1');
    });

    it('returns ClientException for a revision that does not exist', async () => {
      const family = await registered();
      expect(await errorOf(deregister(`${family}:2`))).toEqual({
        name: 'ClientException',
        status: 400,
        message: 'The specified task definition does not exist.',
      });
    });
  });
});
