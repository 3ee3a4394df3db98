import {
  DeleteTaskDefinitionsCommand,
  DeregisterTaskDefinitionCommand,
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
const fixture = (name: Parameters<typeof taskDefinitionFixture>[0]) => ({ ...taskDefinitionFixture(name), family: uniqueName(name) });

describe('RegisterTaskDefinition', () => {
  describe('behaviour', () => {
    it('registers revision 1 of a Fargate web server with what AWS fills in', async () => {
      const input = fixture('web-nginx');
      const before = Date.now();
      const { taskDefinition, tags } = await register(input);
      expect(taskDefinition).toMatchObject({
        taskDefinitionArn: `arn:aws:ecs:us-east-1:000000000000:task-definition/${input.family}:1`,
        family: input.family,
        revision: 1,
        status: 'ACTIVE',
        cpu: '256',
        memory: '512',
        networkMode: 'awsvpc',
        compatibilities: ['EC2', 'MANAGED_INSTANCES', 'FARGATE'],
        requiresCompatibilities: ['FARGATE'],
        registeredBy: 'arn:aws:iam::000000000000:root',
        volumes: [],
        placementConstraints: [],
      });
      expect(taskDefinition!.registeredAt).toBeInstanceOf(Date);
      expect(taskDefinition!.registeredAt!.getTime()).toBeGreaterThanOrEqual(Math.floor(before / 1000) * 1000);
      expect(taskDefinition!.containerDefinitions![0]).toMatchObject({
        cpu: 0,
        essential: true,
        portMappings: [{ containerPort: 80, hostPort: 80, protocol: 'tcp' }],
        mountPoints: [],
        volumesFrom: [],
      });
      expect(taskDefinition!.requiresAttributes).toContainEqual({ name: 'ecs.capability.task-eni' });
      expect(tags).toEqual([
        { key: 'app', value: 'web' },
        { key: 'team', value: 'platform' },
      ]);
    });

    it('normalises "0.5 vCPU" and "1 GB" to 512 and 1024', async () => {
      const { taskDefinition } = await register(fixture('worker-with-secrets'));
      expect([taskDefinition!.cpu, taskDefinition!.memory]).toEqual(['512', '1024']);
    });

    it('counts revisions per family and never reuses one, even after deregistering and deleting', async () => {
      const input = fixture('app-with-sidecars');
      const revisions: number[] = [];
      for (let i = 0; i < 3; i += 1) revisions.push((await register(input)).taskDefinition!.revision!);
      expect(revisions).toEqual([1, 2, 3]);
      await emu.ecs.send(new DeregisterTaskDefinitionCommand({ taskDefinition: `${input.family}:3` }));
      await emu.ecs.send(new DeleteTaskDefinitionsCommand({ taskDefinitions: [`${input.family}:3`] }));
      expect((await register(input)).taskDefinition!.revision).toBe(4);
    });

    it('registers an EC2-only bridge definition, without FARGATE in its compatibilities', async () => {
      const { taskDefinition } = await register(fixture('ec2-bridge'));
      expect(taskDefinition!.compatibilities).toEqual(['EXTERNAL', 'EC2']);
      expect(taskDefinition!.containerDefinitions![0]!.portMappings).toEqual([{ containerPort: 80, hostPort: 0, protocol: 'tcp' }]);
    });

    it('keeps revisions per account and region', async () => {
      const input = fixture('web-nginx');
      await register(input);
      const other = emu.client({ accountId: '123456789012', region: 'eu-west-1' });
      const { taskDefinition } = await other.send(new RegisterTaskDefinitionCommand(input));
      other.destroy();
      expect(taskDefinition!.taskDefinitionArn).toBe(`arn:aws:ecs:eu-west-1:123456789012:task-definition/${input.family}:1`);
      expect(taskDefinition!.registeredBy).toBe('arn:aws:iam::123456789012:root');
    });
  });

  describe('errors', () => {
    it.each<[string, (input: RegisterTaskDefinitionRequest) => RegisterTaskDefinitionRequest, string, string]>([
      [
        'Fargate in bridge mode',
        (i) => ({ ...i, networkMode: 'bridge' }),
        'ClientException',
        'Fargate only supports network mode \u2018awsvpc\u2019.',
      ],
      [
        'Fargate without task cpu',
        (i) => ({ ...i, cpu: undefined }),
        'ClientException',
        "Fargate requires that 'cpu' be defined at the task level.",
      ],
      [
        'a cpu/memory pair Fargate does not offer',
        (i) => ({ ...i, cpu: '1 vCPU', memory: '1 GB' }),
        'ClientException',
        'No Fargate configuration exists for given values: 1024 CPU, 1024 memory. See the Amazon ECS documentation for the valid values.',
      ],
      [
        'awslogs on Fargate without an execution role',
        (i) => ({ ...i, executionRoleArn: undefined }),
        'ClientException',
        'Fargate requires task definition to have execution role ARN to support log driver awslogs.',
      ],
      ['an unreadable cpu', (i) => ({ ...i, cpu: 'fast' }), 'InvalidParameterException', "Invalid 'cpu' setting for task."],
      ['a family with a space', (i) => ({ ...i, family: 'web nginx' }), 'ClientException', 'Family contains invalid characters.'],
      [
        'different host and container ports in awsvpc mode',
        (i) => ({
          ...i,
          containerDefinitions: [{ ...i.containerDefinitions![0]!, portMappings: [{ containerPort: 80, hostPort: 8080 }] }],
        }),
        'ClientException',
        'When networkMode=awsvpc, the host ports and container ports in port mappings must match.',
      ],
      [
        'container memory above task memory',
        (i) => ({ ...i, containerDefinitions: [{ ...i.containerDefinitions![0]!, memory: 1024 }] }),
        'ClientException',
        "The 'memory' setting for container 'nginx' is greater than for the task.",
      ],
    ])('refuses %s', async (_, change, name, message) => {
      const err = await errorOf(register(change(fixture('web-nginx'))));
      expect(err).toEqual({ name, status: 400, message });
    });

    it('refuses secrets without an execution role, on EC2 too', async () => {
      const input = fixture('ec2-bridge');
      input.containerDefinitions![0]!.secrets = [{ name: 'TOKEN', valueFrom: 'arn:aws:ssm:us-east-1:000000000000:parameter/token' }];
      expect(await errorOf(register(input))).toEqual({
        name: 'ClientException',
        status: 400,
        message: "When you are specifying container secrets, you must also specify a value for 'executionRoleArn'.",
      });
    });

    it('registers nothing when it refuses', async () => {
      const input = fixture('web-nginx');
      await errorOf(register({ ...input, networkMode: 'bridge' }));
      expect((await register(input)).taskDefinition!.revision).toBe(1);
    });
  });
});
