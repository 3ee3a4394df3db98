// CodeDeploy through the real SDK client (@aws-sdk/client-codedeploy): applications, deployment configurations,
// deployment groups' checks, tags, and CodeDeploy's errors.
import {
  BatchGetApplicationsCommand,
  type CodeDeployClient,
  CreateApplicationCommand,
  CreateDeploymentCommand,
  CreateDeploymentConfigCommand,
  CreateDeploymentGroupCommand,
  DeleteApplicationCommand,
  DeleteDeploymentConfigCommand,
  GetApplicationCommand,
  GetDeploymentCommand,
  GetDeploymentConfigCommand,
  GetDeploymentGroupCommand,
  ListApplicationsCommand,
  ListDeploymentConfigsCommand,
  ListDeploymentGroupsCommand,
  ListDeploymentsCommand,
  ListTagsForResourceCommand,
  StopDeploymentCommand,
  TagResourceCommand,
  UntagResourceCommand,
} from '@aws-sdk/client-codedeploy';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { codeDeployClient } from '../support/codedeploy.js';
import { startTestEmulator, type TestEmulator, uniqueName } from '../support/emulator.js';

let emu: TestEmulator;
let cd: CodeDeployClient;
beforeAll(async () => {
  emu = await startTestEmulator();
  cd = codeDeployClient(emu.endpoint);
});
afterAll(async () => {
  cd?.destroy();
  await emu?.close();
});

async function rejection(p: Promise<unknown>) {
  try {
    await p;
  } catch (err) {
    const e = err as { name: string; message: string; $metadata: { httpStatusCode?: number } };
    return { name: e.name, message: e.message, status: e.$metadata.httpStatusCode };
  }
  throw new Error('expected the call to fail');
}

const ROLE = 'arn:aws:iam::000000000000:role/ecsCodeDeployRole';

describe('applications', () => {
  it('creates, reads, lists, batch-reads and deletes an ECS application', async () => {
    const name = uniqueName('app');
    const { applicationId } = await cd.send(new CreateApplicationCommand({ applicationName: name, computePlatform: 'ECS' }));
    expect(applicationId).toMatch(/^[0-9a-f-]{36}$/);
    const { application } = await cd.send(new GetApplicationCommand({ applicationName: name }));
    expect(application).toMatchObject({ applicationId, applicationName: name, computePlatform: 'ECS', linkedToGitHub: false });
    expect(application!.createTime).toBeInstanceOf(Date);
    expect((await cd.send(new ListApplicationsCommand({}))).applications).toContain(name);
    const batch = await cd.send(new BatchGetApplicationsCommand({ applicationNames: [name] }));
    expect(batch.applicationsInfo!.map((a) => a.applicationName)).toEqual([name]);
    await cd.send(new DeleteApplicationCommand({ applicationName: name }));
    expect(await rejection(cd.send(new GetApplicationCommand({ applicationName: name })))).toEqual({
      name: 'ApplicationDoesNotExistException',
      message: `No application found for name: ${name}`,
      status: 400,
    });
  });

  it('refuses a second application of the same name, an unknown compute platform and a missing name', async () => {
    const name = uniqueName('dup');
    await cd.send(new CreateApplicationCommand({ applicationName: name, computePlatform: 'ECS' }));
    expect((await rejection(cd.send(new CreateApplicationCommand({ applicationName: name, computePlatform: 'ECS' })))).name).toBe(
      'ApplicationAlreadyExistsException',
    );
    expect(
      (await rejection(cd.send(new CreateApplicationCommand({ applicationName: uniqueName('x'), computePlatform: 'Mainframe' as 'ECS' }))))
        .name,
    ).toBe('InvalidComputePlatformException');
    expect((await rejection(cd.send(new CreateApplicationCommand({} as never)))).name).toBe('ApplicationNameRequiredException');
    expect((await rejection(cd.send(new CreateApplicationCommand({ applicationName: 'x'.repeat(101) })))).name).toBe(
      'InvalidApplicationNameException',
    );
  });

  it('tags an application by ARN', async () => {
    const name = uniqueName('tagged');
    await cd.send(new CreateApplicationCommand({ applicationName: name, computePlatform: 'ECS', tags: [{ Key: 'team', Value: 'web' }] }));
    const resourceArn = `arn:aws:codedeploy:us-east-1:${emu.deps.config.defaultAccountId}:application:${name}`;
    await cd.send(new TagResourceCommand({ ResourceArn: resourceArn, Tags: [{ Key: 'env', Value: 'test' }] }));
    expect((await cd.send(new ListTagsForResourceCommand({ ResourceArn: resourceArn }))).Tags).toEqual([
      { Key: 'team', Value: 'web' },
      { Key: 'env', Value: 'test' },
    ]);
    await cd.send(new UntagResourceCommand({ ResourceArn: resourceArn, TagKeys: ['team'] }));
    expect((await cd.send(new ListTagsForResourceCommand({ ResourceArn: resourceArn }))).Tags).toEqual([{ Key: 'env', Value: 'test' }]);
    expect((await rejection(cd.send(new ListTagsForResourceCommand({ ResourceArn: 'not-an-arn' })))).name).toBe('InvalidArnException');
    expect((await rejection(cd.send(new ListTagsForResourceCommand({ ResourceArn: `${resourceArn}-gone` })))).name).toBe(
      'ApplicationDoesNotExistException',
    );
  });
});

describe('deployment configurations', () => {
  it('lists and describes the predefined ECS configurations', async () => {
    const { deploymentConfigsList } = await cd.send(new ListDeploymentConfigsCommand({}));
    for (const name of [
      'CodeDeployDefault.ECSAllAtOnce',
      'CodeDeployDefault.ECSLinear10PercentEvery1Minutes',
      'CodeDeployDefault.ECSLinear10PercentEvery3Minutes',
      'CodeDeployDefault.ECSCanary10Percent5Minutes',
      'CodeDeployDefault.ECSCanary10Percent15Minutes',
    ])
      expect(deploymentConfigsList).toContain(name);
    const canary = await cd.send(new GetDeploymentConfigCommand({ deploymentConfigName: 'CodeDeployDefault.ECSCanary10Percent15Minutes' }));
    expect(canary.deploymentConfigInfo).toMatchObject({
      computePlatform: 'ECS',
      trafficRoutingConfig: { type: 'TimeBasedCanary', timeBasedCanary: { canaryPercentage: 10, canaryInterval: 15 } },
    });
    const linear = await cd.send(
      new GetDeploymentConfigCommand({ deploymentConfigName: 'CodeDeployDefault.ECSLinear10PercentEvery1Minutes' }),
    );
    expect(linear.deploymentConfigInfo!.trafficRoutingConfig).toEqual({
      type: 'TimeBasedLinear',
      timeBasedLinear: { linearPercentage: 10, linearInterval: 1 },
    });
  });

  it('creates an ECS canary configuration, refuses bad ones and deletes it', async () => {
    const name = uniqueName('Canary20');
    await cd.send(
      new CreateDeploymentConfigCommand({
        deploymentConfigName: name,
        computePlatform: 'ECS',
        trafficRoutingConfig: { type: 'TimeBasedCanary', timeBasedCanary: { canaryPercentage: 20, canaryInterval: 2 } },
      }),
    );
    const got = await cd.send(new GetDeploymentConfigCommand({ deploymentConfigName: name }));
    expect(got.deploymentConfigInfo).toMatchObject({
      deploymentConfigName: name,
      trafficRoutingConfig: { timeBasedCanary: { canaryPercentage: 20, canaryInterval: 2 } },
    });
    expect((await rejection(cd.send(new CreateDeploymentConfigCommand({ deploymentConfigName: name, computePlatform: 'ECS' })))).name).toBe(
      'DeploymentConfigAlreadyExistsException',
    );
    const bad = await rejection(
      cd.send(
        new CreateDeploymentConfigCommand({
          deploymentConfigName: uniqueName('bad'),
          computePlatform: 'ECS',
          trafficRoutingConfig: { type: 'TimeBasedLinear', timeBasedLinear: { linearPercentage: 0, linearInterval: 1 } },
        }),
      ),
    );
    expect(bad.name).toBe('InvalidTrafficRoutingConfigurationException');
    expect(
      (
        await rejection(
          cd.send(
            new CreateDeploymentConfigCommand({
              deploymentConfigName: uniqueName('h'),
              computePlatform: 'ECS',
              minimumHealthyHosts: { type: 'HOST_COUNT', value: 1 },
            }),
          ),
        )
      ).name,
    ).toBe('InvalidMinimumHealthyHostValueException');
    expect(
      (await rejection(cd.send(new DeleteDeploymentConfigCommand({ deploymentConfigName: 'CodeDeployDefault.ECSAllAtOnce' })))).name,
    ).toBe('InvalidOperationException');
    await cd.send(new DeleteDeploymentConfigCommand({ deploymentConfigName: name }));
    expect((await rejection(cd.send(new GetDeploymentConfigCommand({ deploymentConfigName: name })))).name).toBe(
      'DeploymentConfigDoesNotExistException',
    );
  });
});

describe('deployment groups and deployments: errors', () => {
  const group = (app: string, overrides: Record<string, unknown> = {}) =>
    new CreateDeploymentGroupCommand({
      applicationName: app,
      deploymentGroupName: 'dg',
      serviceRoleArn: ROLE,
      deploymentStyle: { deploymentType: 'BLUE_GREEN', deploymentOption: 'WITH_TRAFFIC_CONTROL' },
      ecsServices: [{ clusterName: 'nowhere', serviceName: 'nothing' }],
      loadBalancerInfo: {
        targetGroupPairInfoList: [
          {
            targetGroups: [{ name: 'a' }, { name: 'b' }],
            prodTrafficRoute: { listenerArns: ['arn:aws:elasticloadbalancing:us-east-1:000000000000:listener/app/x/1/2'] },
          },
        ],
      },
      ...overrides,
    });

  it('answers each missing or bad member with its CodeDeploy exception', async () => {
    const app = uniqueName('errs');
    await cd.send(new CreateApplicationCommand({ applicationName: app, computePlatform: 'ECS' }));
    expect(await rejection(cd.send(group(uniqueName('none'))))).toMatchObject({ name: 'ApplicationDoesNotExistException' });
    expect(await rejection(cd.send(group(app, { serviceRoleArn: undefined })))).toMatchObject({ name: 'RoleRequiredException' });
    expect(await rejection(cd.send(group(app, { serviceRoleArn: 'role' })))).toMatchObject({ name: 'InvalidRoleException' });
    expect(await rejection(cd.send(group(app, { deploymentConfigName: 'CodeDeployDefault.OneAtATime' })))).toMatchObject({
      name: 'DeploymentConfigDoesNotExistException',
    });
    expect(
      await rejection(
        cd.send(group(app, { deploymentStyle: { deploymentType: 'IN_PLACE', deploymentOption: 'WITHOUT_TRAFFIC_CONTROL' } })),
      ),
    ).toMatchObject({
      name: 'InvalidDeploymentStyleException',
    });
    expect(await rejection(cd.send(group(app, { ecsServices: [] })))).toMatchObject({ name: 'InvalidECSServiceException' });
    expect(await rejection(cd.send(group(app)))).toMatchObject({
      name: 'InvalidECSServiceException',
      message: 'The ECS service nothing does not exist in the cluster nowhere.',
    });
    expect(
      await rejection(
        cd.send(
          group(app, {
            loadBalancerInfo: { targetGroupPairInfoList: [{ targetGroups: [{ name: 'a' }], prodTrafficRoute: { listenerArns: ['l'] } }] },
          }),
        ),
      ),
    ).toMatchObject({ name: 'InvalidTargetGroupPairException' });
    expect(
      await rejection(
        cd.send(
          group(app, {
            blueGreenDeploymentConfiguration: { deploymentReadyOption: { actionOnTimeout: 'CONTINUE_DEPLOYMENT', waitTimeInMinutes: 5 } },
          }),
        ),
      ),
    ).toMatchObject({ name: 'InvalidBlueGreenDeploymentConfigurationException' });
    expect(await rejection(cd.send(group(app, { autoRollbackConfiguration: { enabled: true, events: [] } })))).toMatchObject({
      name: 'InvalidAutoRollbackConfigException',
    });
    expect(await rejection(cd.send(new GetDeploymentGroupCommand({ applicationName: app, deploymentGroupName: 'dg' })))).toEqual({
      name: 'DeploymentGroupDoesNotExistException',
      message: 'No Deployment Group found for name: dg',
      status: 400,
    });
    expect((await cd.send(new ListDeploymentGroupsCommand({ applicationName: app }))).deploymentGroups).toEqual([]);
    expect(await rejection(cd.send(new CreateDeploymentCommand({ applicationName: app, deploymentGroupName: 'dg' })))).toMatchObject({
      name: 'DeploymentGroupDoesNotExistException',
    });
  });

  it('answers unknown and malformed deployment ids', async () => {
    expect(await rejection(cd.send(new GetDeploymentCommand({ deploymentId: 'd-ABCDEFGHI' })))).toMatchObject({
      name: 'DeploymentDoesNotExistException',
      status: 400,
    });
    expect(await rejection(cd.send(new GetDeploymentCommand({ deploymentId: 'nope' })))).toMatchObject({
      name: 'InvalidDeploymentIdException',
    });
    expect(await rejection(cd.send(new GetDeploymentCommand({} as never)))).toMatchObject({ name: 'DeploymentIdRequiredException' });
    expect(await rejection(cd.send(new StopDeploymentCommand({ deploymentId: 'd-ABCDEFGHI' })))).toMatchObject({
      name: 'DeploymentDoesNotExistException',
    });
    expect(await rejection(cd.send(new ListDeploymentsCommand({ nextToken: 'garbage' })))).toMatchObject({
      name: 'InvalidNextTokenException',
    });
  });

  it('answers a body of the wrong JSON type with SerializationException', async () => {
    const res = await fetch(emu.endpoint, {
      method: 'POST',
      headers: { 'content-type': 'application/x-amz-json-1.1', 'x-amz-target': 'CodeDeploy_20141006.GetApplication' },
      body: JSON.stringify({ applicationName: 12 }),
    });
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ __type: 'SerializationException' });
    const unknown = await fetch(emu.endpoint, {
      method: 'POST',
      headers: { 'content-type': 'application/x-amz-json-1.1', 'x-amz-target': 'CodeDeploy_20141006.RegisterOnPremisesInstance' },
      body: '{}',
    });
    expect(unknown.status).toBe(400);
    expect(await unknown.json()).toMatchObject({ __type: 'UnknownOperationException' });
  });
});
