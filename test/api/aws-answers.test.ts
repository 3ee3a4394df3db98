// Answers a peer's ECS suite, run against AWS, found different here: each case as AWS gives it.
import {
  CreateClusterCommand,
  CreateServiceCommand,
  DeleteAccountSettingCommand,
  DescribeServicesCommand,
  DescribeTasksCommand,
  ListAccountSettingsCommand,
  ListTasksCommand,
  PutAccountSettingCommand,
  PutAccountSettingDefaultCommand,
  RegisterTaskDefinitionCommand,
  RunTaskCommand,
  type SettingName,
  type LaunchType,
} from '@aws-sdk/client-ecs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { errorOf } from '../support/api-errors.js';
import { startTestEmulator, uniqueName, type TestEmulator } from '../support/emulator.js';
import { describeService, eventually } from '../support/services.js';
import { taskDefinitionFixture } from '../support/task-definition-fixtures.js';

let emu: TestEmulator;
beforeAll(async () => {
  emu = await startTestEmulator();
});
afterAll(() => emu.close());

const plainCluster = async () => {
  const clusterName = uniqueName('plain');
  await emu.ecs.send(new CreateClusterCommand({ clusterName }));
  return clusterName;
};

async function registered(fixture: 'web-nginx' | 'ec2-bridge'): Promise<string> {
  const family = uniqueName(fixture);
  await emu.ecs.send(new RegisterTaskDefinitionCommand({ ...taskDefinitionFixture(fixture), family }));
  return `${family}:1`;
}

describe('DescribeTasks and DescribeServices look the cluster up first', () => {
  it.each([
    ['DescribeTasks', () => new DescribeTasksCommand({ cluster: 'no-such-cluster', tasks: [] })],
    ['DescribeServices', () => new DescribeServicesCommand({ cluster: 'no-such-cluster', services: [] })],
    ['DescribeTasks without tasks', () => new DescribeTasksCommand({ cluster: 'no-such-cluster' } as never)],
  ])('%s on a missing cluster answers ClusterNotFoundException, even with an empty list', async (_, command) => {
    expect(await errorOf(emu.ecs.send(command() as never))).toEqual({
      name: 'ClusterNotFoundException',
      status: 400,
      message: 'Cluster not found.',
    });
  });

  it('an existing cluster with an empty list still answers InvalidParameterException', async () => {
    const cluster = await plainCluster();
    expect(await errorOf(emu.ecs.send(new DescribeTasksCommand({ cluster, tasks: [] })))).toMatchObject({
      name: 'InvalidParameterException',
      message: 'Tasks cannot be empty.',
    });
    expect(await errorOf(emu.ecs.send(new DescribeServicesCommand({ cluster, services: [] })))).toMatchObject({
      name: 'InvalidParameterException',
      message: 'Services cannot be empty.',
    });
  });
});

describe('enumerations ECS checks itself', () => {
  const settingNames =
    '[awsvpcTrunking,containerInsights,containerInstanceLongArnFormat,defaultLogDriverMode,dualStackIPv6,fargateEventWindows,fargateFIPSMode,fargateTaskRetirementWaitPeriod,guardDutyActivate,serviceLongArnFormat,tagResourceAuthorization,taskLongArnFormat]';
  it.each([
    ['PutAccountSetting', () => new PutAccountSettingCommand({ name: 'bogus' as SettingName, value: 'enabled' })],
    ['PutAccountSettingDefault', () => new PutAccountSettingDefaultCommand({ name: 'bogus' as SettingName, value: 'enabled' })],
    ['DeleteAccountSetting', () => new DeleteAccountSettingCommand({ name: 'bogus' as SettingName })],
    ['ListAccountSettings', () => new ListAccountSettingsCommand({ name: 'bogus' as SettingName })],
  ])('%s with an unknown setting name answers InvalidParameterException in ECS wording', async (_, command) => {
    expect(await errorOf(emu.ecs.send(command() as never))).toEqual({
      name: 'InvalidParameterException',
      status: 400,
      message: `bogus should be one of ${settingNames}`,
    });
  });

  it.each([
    ['RunTask', (td: string) => new RunTaskCommand({ taskDefinition: td, launchType: 'SPACESHIP' as LaunchType })],
    ['ListTasks', () => new ListTasksCommand({ launchType: 'SPACESHIP' as LaunchType })],
    [
      'CreateService',
      (td: string) => new CreateServiceCommand({ serviceName: uniqueName('s'), taskDefinition: td, launchType: 'SPACESHIP' as LaunchType }),
    ],
  ])('%s with an unknown launch type answers InvalidParameterException', async (_, command) => {
    const td = await registered('web-nginx');
    const err = await errorOf(emu.ecs.send(command(td) as never));
    expect(err.name).toBe('InvalidParameterException');
    expect(err.message).toMatch(/^launch type should be one of \[EC2,EXTERNAL,FARGATE,MANAGED_INSTANCES\]$/);
  });

  it('other enumerations keep the model check', async () => {
    const err = await errorOf(emu.ecs.send(new ListTasksCommand({ desiredStatus: 'SLEEPING' as never })));
    expect(err.name).toBe('ClientException');
    expect(err.message).toContain("Value 'SLEEPING' at 'desiredStatus' failed to satisfy constraint: Member must satisfy enum value set");
  });
});

describe('account settings', () => {
  it.each(['serviceLongArnFormat', 'taskLongArnFormat', 'containerInstanceLongArnFormat'] as const)(
    'refuses to disable %s with AWS current message, for a principal and as the default',
    async (name) => {
      const ecs = emu.client({ accountId: '111122223333' });
      const expected = { name: 'InvalidParameterException', status: 400, message: 'You can no longer disable Long Arn settings.' };
      expect(await errorOf(ecs.send(new PutAccountSettingCommand({ name, value: 'disabled' })))).toEqual(expected);
      expect(await errorOf(ecs.send(new PutAccountSettingDefaultCommand({ name, value: 'disabled' })))).toEqual(expected);
      const { setting } = await ecs.send(new PutAccountSettingCommand({ name, value: 'enabled' }));
      expect(setting).toMatchObject({ name, value: 'enabled' });
      ecs.destroy();
    },
  );
});

describe('task definitions', () => {
  it('returns an EFS volume registered without rootDirectory with rootDirectory "/"', async () => {
    const family = uniqueName('efs');
    const { taskDefinition } = await emu.ecs.send(
      new RegisterTaskDefinitionCommand({
        ...taskDefinitionFixture('web-nginx'),
        family,
        volumes: [
          { name: 'shared', efsVolumeConfiguration: { fileSystemId: 'fs-12345678' } },
          { name: 'sub', efsVolumeConfiguration: { fileSystemId: 'fs-12345678', rootDirectory: '/data' } },
        ],
      }),
    );
    expect(taskDefinition!.volumes).toEqual([
      { name: 'shared', efsVolumeConfiguration: { fileSystemId: 'fs-12345678', rootDirectory: '/' } },
      { name: 'sub', efsVolumeConfiguration: { fileSystemId: 'fs-12345678', rootDirectory: '/data' } },
    ]);
  });
});

describe('no launch type and no capacity provider strategy means EC2', () => {
  const noInstances = { name: 'InvalidParameterException', status: 400, message: 'No Container Instances were found in your cluster.' };

  it('RunTask answers that no container instances were found, for a Fargate or an EC2-only task definition', async () => {
    const cluster = await plainCluster();
    expect(await errorOf(emu.ecs.send(new RunTaskCommand({ cluster, taskDefinition: await registered('web-nginx') })))).toEqual(
      noInstances,
    );
    expect(await errorOf(emu.ecs.send(new RunTaskCommand({ cluster, taskDefinition: await registered('ec2-bridge') })))).toEqual(
      noInstances,
    );
    expect(
      await errorOf(emu.ecs.send(new RunTaskCommand({ cluster, taskDefinition: await registered('ec2-bridge'), launchType: 'EC2' }))),
    ).toEqual(noInstances);
  });

  it('an EC2-only task definition hears about Fargate only when FARGATE was asked for', async () => {
    const cluster = await plainCluster();
    const td = await registered('ec2-bridge');
    expect(await errorOf(emu.ecs.send(new RunTaskCommand({ cluster, taskDefinition: td, launchType: 'FARGATE' })))).toEqual({
      name: 'InvalidParameterException',
      status: 400,
      message: 'Task definition does not support launch_type FARGATE.',
    });
  });

  it('CreateService succeeds with launch type EC2, and its events say no container instance met its requirements', async () => {
    const cluster = await plainCluster();
    {
      const serviceName = uniqueName('ec2-bridge');
      const { service } = await emu.ecs.send(
        new CreateServiceCommand({ cluster, serviceName, taskDefinition: await registered('ec2-bridge'), desiredCount: 2 }),
      );
      expect(service).toMatchObject({ serviceName, launchType: 'EC2', desiredCount: 2, runningCount: 0, status: 'ACTIVE' });
      const described = await eventually(async () => {
        const svc = await describeService(emu.ecs, cluster, serviceName);
        return svc.events?.length ? svc : undefined;
      });
      expect(described.events![0]!.message).toBe(
        `(service ${serviceName}) was unable to place a task because no container instance met all of its requirements. Reason: No Container Instances were found in your cluster. For more information, see the Troubleshooting section of the Amazon ECS Developer Guide.`,
      );
      expect(described).toMatchObject({ runningCount: 0, pendingCount: 0 });
      const { taskArns } = await emu.ecs.send(new ListTasksCommand({ cluster, serviceName }));
      expect(taskArns).toEqual([]);
    }
  });
});
