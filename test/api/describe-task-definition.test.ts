import {
  DeleteTaskDefinitionsCommand,
  DeregisterTaskDefinitionCommand,
  DescribeTaskDefinitionCommand,
  RegisterTaskDefinitionCommand,
  type RegisterTaskDefinitionRequest,
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

const register = (input: RegisterTaskDefinitionRequest) => emu.ecs.send(new RegisterTaskDefinitionCommand(input));
const describeTd = (taskDefinition: string, include?: 'TAGS'[]) =>
  emu.ecs.send(new DescribeTaskDefinitionCommand({ taskDefinition, include }));

describe('DescribeTaskDefinition', () => {
  describe('behaviour', () => {
    it('returns the latest ACTIVE revision for a bare family, and any revision by family:revision or ARN', async () => {
      const family = uniqueName('web');
      const input = { ...taskDefinitionFixture('web-nginx'), family };
      const first = (await register(input)).taskDefinition!;
      await register(input);
      await register(input);
      await emu.ecs.send(new DeregisterTaskDefinitionCommand({ taskDefinition: `${family}:3` }));

      expect((await describeTd(family)).taskDefinition!.revision).toBe(2);
      expect((await describeTd(`${family}:3`)).taskDefinition).toMatchObject({ revision: 3, status: 'INACTIVE' });
      const byArn = (await describeTd(first.taskDefinitionArn!)).taskDefinition!;
      expect(byArn).toEqual(first);
    });

    it('adds tags only when asked with include TAGS', async () => {
      const input = { ...taskDefinitionFixture('web-nginx'), family: uniqueName('tagged') };
      const { taskDefinition } = await register(input);
      const plain = await describeTd(taskDefinition!.taskDefinitionArn!);
      expect(plain.tags).toBeUndefined();
      const withTags = await describeTd(taskDefinition!.taskDefinitionArn!, ['TAGS']);
      expect(withTags.tags).toEqual([
        { key: 'app', value: 'web' },
        { key: 'team', value: 'platform' },
      ]);
      const untagged = (await register({ ...taskDefinitionFixture('ec2-bridge'), family: uniqueName('untagged') })).taskDefinition!;
      expect((await describeTd(untagged.taskDefinitionArn!, ['TAGS'])).tags).toEqual([]);
    });

    it('still describes a revision being deleted', async () => {
      const family = uniqueName('deleting');
      await register({ ...taskDefinitionFixture('ec2-bridge'), family });
      await emu.ecs.send(new DeregisterTaskDefinitionCommand({ taskDefinition: `${family}:1` }));
      await emu.ecs.send(new DeleteTaskDefinitionsCommand({ taskDefinitions: [`${family}:1`] }));
      const { taskDefinition } = await describeTd(`${family}:1`);
      expect(taskDefinition!.status).toBe('DELETE_IN_PROGRESS');
      expect(taskDefinition!.deleteRequestedAt).toBeInstanceOf(Date);
    });
  });

  describe('errors', () => {
    it.each([
      ['an unknown family', () => uniqueName('nope')],
      ['an unknown revision', () => 'nope:7'],
      ['a malformed reference', () => 'not a family'],
      ['an ARN of another account', () => 'arn:aws:ecs:us-east-1:999999999999:task-definition/web:1'],
    ])('returns ClientException for %s', async (_, ref) => {
      expect(await errorOf(describeTd(ref()))).toEqual({
        name: 'ClientException',
        status: 400,
        message: 'Unable to describe task definition.',
      });
    });

    it.each(['abc', 'latest', '1.5', '-1'])('returns ClientException naming a revision that is not a number (%s)', async (revision) => {
      expect(await errorOf(describeTd(`web:${revision}`))).toEqual({
        name: 'ClientException',
        status: 400,
        message: `Invalid revision number. Number: ${revision}`,
      });
    });

    it('returns ClientException for a family whose revisions are all INACTIVE', async () => {
      const family = uniqueName('retired');
      await register({ ...taskDefinitionFixture('ec2-bridge'), family });
      await emu.ecs.send(new DeregisterTaskDefinitionCommand({ taskDefinition: `${family}:1` }));
      expect((await errorOf(describeTd(family))).message).toBe('Unable to describe task definition.');
    });
  });
});
