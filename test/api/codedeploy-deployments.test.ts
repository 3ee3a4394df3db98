// CodeDeploy deployments of an ECS service (deploymentController CODE_DEPLOY) on the in-memory runtime, through the
// SDK and the AWS CLI: the replacement task set in the other target group, the test listener, production traffic
// shifted in a canary step then all at once, the original task set deleted after the termination wait; hooks
// answered with PutLifecycleEventHookExecutionStatus; the Ready wait and ContinueDeployment; StopDeployment with
// rollback putting all traffic back on the original task set. Intervals shortened with deploymentTimeScale.
import {
  type CodeDeployClient,
  ContinueDeploymentCommand,
  CreateApplicationCommand,
  CreateDeploymentCommand,
  CreateDeploymentGroupCommand,
  GetDeploymentCommand,
  GetDeploymentGroupCommand,
  GetDeploymentTargetCommand,
  ListDeploymentsCommand,
  ListDeploymentTargetsCommand,
  PutLifecycleEventHookExecutionStatusCommand,
  StopDeploymentCommand,
  UpdateDeploymentGroupCommand,
} from '@aws-sdk/client-codedeploy';
import { CreateServiceCommand, DescribeServicesCommand } from '@aws-sdk/client-ecs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultVpc } from '../../src/domain/network/vpc.js';
import { type AwsCli, awsCliFor } from '../support/aws-cli.js';
import {
  type BlueGreenInfrastructure,
  blueGreenInfrastructure,
  codeDeployClient,
  ecsAppSpec,
  listenerWeights,
} from '../support/codedeploy.js';
import { startTestEmulator, type TestEmulator, uniqueName } from '../support/emulator.js';
import { eventually, fargateCluster } from '../support/services.js';
import { storeTaskDefinition } from '../support/task-definitions.js';

const scope = { accountId: '000000000000', region: 'us-east-1' };
const subnets = defaultVpc(scope, 0)
  .subnets.map((s) => s.subnetId)
  .slice(0, 2);
const ROLE = 'arn:aws:iam::000000000000:role/ecsCodeDeployRole';

let emu: TestEmulator;
let cd: CodeDeployClient;
let aws: AwsCli;
let family: string;
beforeAll(async () => {
  // 0.01: a minute lasts 0.6 s (the canary's 5 minutes: 3 s).
  emu = await startTestEmulator({ deploymentTimeScale: 0.01 }, { healthProbe: async () => ({ ok: true }) });
  cd = codeDeployClient(emu.endpoint);
  aws = await awsCliFor(emu.endpoint);
  family = uniqueName('cdweb');
  for (const image of ['nginx:1', 'nginx:2', 'nginx:3'])
    storeTaskDefinition(emu.deps.store, scope, family, [{ name: 'web', image, portMappings: [{ containerPort: 8080 }] }]);
});
afterAll(async () => {
  cd?.destroy();
  aws?.dispose();
  await emu?.close();
});

let ports = 0;
interface Fixture {
  cluster: string;
  app: string;
  group: string;
  infra: BlueGreenInfrastructure;
}

/** A CODE_DEPLOY service of two tasks behind the blue target group, and its application and deployment group. */
async function fixture(groupExtra: Record<string, unknown> = {}): Promise<Fixture> {
  ports += 2;
  const base = 31000 + ((process.pid * 13 + ports) % 20000);
  const infra = await blueGreenInfrastructure(emu.endpoint, {
    containerPort: 8080,
    prodPort: base,
    testPort: base + 1,
    healthCheckIntervalSeconds: 5,
    healthyThresholdCount: 2,
  });
  const cluster = await fargateCluster(emu.ecs, 'cd');
  await emu.ecs.send(
    new CreateServiceCommand({
      cluster,
      serviceName: 'web',
      taskDefinition: `${family}:1`,
      desiredCount: 2,
      launchType: 'FARGATE',
      deploymentController: { type: 'CODE_DEPLOY' },
      networkConfiguration: { awsvpcConfiguration: { subnets } },
      loadBalancers: [{ targetGroupArn: infra.blue.arn, containerName: 'web', containerPort: 8080 }],
    }),
  );
  await eventually(
    async () => (await taskSets(cluster)).find((ts) => ts.status === 'PRIMARY' && ts.stabilityStatus === 'STEADY_STATE'),
    20_000,
    'the service to be stable',
  );
  const app = uniqueName('cdapp');
  await cd.send(new CreateApplicationCommand({ applicationName: app, computePlatform: 'ECS' }));
  await cd.send(
    new CreateDeploymentGroupCommand({
      applicationName: app,
      deploymentGroupName: 'web-dg',
      serviceRoleArn: ROLE,
      deploymentConfigName: 'CodeDeployDefault.ECSCanary10Percent5Minutes',
      deploymentStyle: { deploymentType: 'BLUE_GREEN', deploymentOption: 'WITH_TRAFFIC_CONTROL' },
      ecsServices: [{ clusterName: cluster, serviceName: 'web' }],
      loadBalancerInfo: {
        targetGroupPairInfoList: [
          {
            targetGroups: [{ name: infra.blue.name }, { name: infra.green.name }],
            prodTrafficRoute: { listenerArns: [infra.prodListenerArn] },
            testTrafficRoute: { listenerArns: [infra.testListenerArn] },
          },
        ],
      },
      blueGreenDeploymentConfiguration: {
        terminateBlueInstancesOnDeploymentSuccess: { action: 'TERMINATE', terminationWaitTimeInMinutes: 1 },
        deploymentReadyOption: { actionOnTimeout: 'CONTINUE_DEPLOYMENT' },
      },
      autoRollbackConfiguration: { enabled: true, events: ['DEPLOYMENT_FAILURE'] },
      ...groupExtra,
    }),
  );
  return { cluster, app, group: 'web-dg', infra };
}

async function taskSets(cluster: string) {
  const { services } = await emu.ecs.send(new DescribeServicesCommand({ cluster, services: ['web'] }));
  return services![0]!.taskSets ?? [];
}

const deploy = async (f: Fixture, revision: number, hooks: Record<string, string> = {}) =>
  (
    await cd.send(
      new CreateDeploymentCommand({
        applicationName: f.app,
        deploymentGroupName: f.group,
        revision: { revisionType: 'AppSpecContent', appSpecContent: { content: ecsAppSpec(`${family}:${revision}`, 'web', 8080, hooks) } },
      }),
    )
  ).deploymentId!;

const deploymentOf = async (id: string) => (await cd.send(new GetDeploymentCommand({ deploymentId: id }))).deploymentInfo!;
const untilStatus = (id: string, status: string, timeoutMs = 30_000) =>
  eventually(
    async () => {
      const d = await deploymentOf(id);
      if (['Failed', 'Stopped', 'Succeeded'].includes(d.status!) && d.status !== status)
        throw new Error(`deployment ended ${d.status}: ${d.errorInformation?.message}`);
      return d.status === status && d;
    },
    timeoutMs,
    `deployment ${id} ${status}`,
  );

describe('CodeDeploy deployments of an ECS service', () => {
  it('deploys a canary: green in the other target group, 10% then all production traffic, blue deleted after the termination wait', {
    timeout: 60_000,
  }, async () => {
    const f = await fixture();
    const group = (await cd.send(new GetDeploymentGroupCommand({ applicationName: f.app, deploymentGroupName: f.group })))
      .deploymentGroupInfo!;
    expect(group).toMatchObject({ computePlatform: 'ECS', ecsServices: [{ clusterName: f.cluster, serviceName: 'web' }] });
    const blue = (await taskSets(f.cluster)).find((ts) => ts.status === 'PRIMARY')!;
    const id = await deploy(f, 2);
    expect(id).toMatch(/^d-[A-Z0-9]{9}$/);
    const second = await cd
      .send(
        new CreateDeploymentCommand({
          applicationName: f.app,
          deploymentGroupName: f.group,
          revision: { revisionType: 'String', string: { content: ecsAppSpec(`${family}:2`, 'web', 8080) } },
        }),
      )
      .catch((err: Error) => err);
    expect(second).toMatchObject({ name: 'DeploymentLimitExceededException' });

    const split = await eventually(
      async () => {
        const w = await listenerWeights(emu.endpoint, f.infra.prodListenerArn);
        return w[f.infra.green.arn] === 10 && w;
      },
      20_000,
      'the canary split',
    );
    expect(split).toEqual({ [f.infra.blue.arn]: 90, [f.infra.green.arn]: 10 });
    expect(await listenerWeights(emu.endpoint, f.infra.testListenerArn)).toEqual({ [f.infra.blue.arn]: 0, [f.infra.green.arn]: 100 });
    const green = (await taskSets(f.cluster)).find((ts) => ts.id !== blue.id)!;
    expect(green).toMatchObject({ status: 'ACTIVE', taskDefinition: expect.stringContaining(`${family}:2`), externalId: id });
    expect(green.loadBalancers).toEqual([{ targetGroupArn: f.infra.green.arn, containerName: 'web', containerPort: 8080 }]);

    const waiting = await eventually(
      async () => {
        const d = await deploymentOf(id);
        return d.instanceTerminationWaitTimeStarted && d;
      },
      20_000,
      'the termination wait',
    );
    expect(waiting.status).toBe('InProgress');
    expect(await listenerWeights(emu.endpoint, f.infra.prodListenerArn)).toEqual({ [f.infra.blue.arn]: 0, [f.infra.green.arn]: 100 });
    const during = await taskSets(f.cluster);
    expect(during.find((ts) => ts.id === green.id)?.status).toBe('PRIMARY');
    expect(during.some((ts) => ts.id === blue.id)).toBe(true);

    const done = await untilStatus(id, 'Succeeded');
    expect(done).toMatchObject({
      creator: 'user',
      computePlatform: 'ECS',
      deploymentConfigName: 'CodeDeployDefault.ECSCanary10Percent5Minutes',
    });
    // The original task set drains (DRAINING while its tasks stop), then is gone.
    await eventually(
      async () => {
        const sets = await taskSets(f.cluster);
        return sets.length === 1 && sets[0]!.id === green.id;
      },
      20_000,
      'the original task set to be gone',
    );
    const { targetIds } = await cd.send(new ListDeploymentTargetsCommand({ deploymentId: id }));
    expect(targetIds).toEqual([`${f.cluster}:web`]);
    const target = (await cd.send(new GetDeploymentTargetCommand({ deploymentId: id, targetId: targetIds![0] }))).deploymentTarget!
      .ecsTarget!;
    expect(target.lifecycleEvents!.map((e) => `${e.lifecycleEventName}:${e.status}`)).toEqual([
      'BeforeInstall:Skipped',
      'Install:Succeeded',
      'AfterInstall:Skipped',
      'AllowTestTraffic:Succeeded',
      'AfterAllowTestTraffic:Skipped',
      'BeforeAllowTraffic:Skipped',
      'AllowTraffic:Succeeded',
      'AfterAllowTraffic:Skipped',
    ]);
    const after = (await cd.send(new GetDeploymentGroupCommand({ applicationName: f.app, deploymentGroupName: f.group })))
      .deploymentGroupInfo!;
    expect(after.lastSuccessfulDeployment).toMatchObject({ deploymentId: id, status: 'Succeeded' });
    expect((await cd.send(new ListDeploymentsCommand({ applicationName: f.app, deploymentGroupName: f.group }))).deployments).toEqual([id]);

    const cli = await aws.run(['deploy', 'get-deployment', '--deployment-id', id]);
    expect(cli.code).toBe(0);
    expect(cli.json.deploymentInfo).toMatchObject({ deploymentId: id, status: 'Succeeded', computePlatform: 'ECS' });
  });

  it('waits for each hook until PutLifecycleEventHookExecutionStatus, and a stop with rollback puts all traffic back on blue', {
    timeout: 60_000,
  }, async () => {
    const f = await fixture({ deploymentConfigName: 'CodeDeployDefault.ECSCanary10Percent15Minutes' });
    const blue = (await taskSets(f.cluster)).find((ts) => ts.status === 'PRIMARY')!;
    const id = await deploy(f, 3, { AfterInstall: 'CheckAfterInstall' });
    const hook = await eventually(
      async () => {
        const t = await cd.send(new GetDeploymentTargetCommand({ deploymentId: id, targetId: `${f.cluster}:web` }));
        const e = t.deploymentTarget!.ecsTarget!.lifecycleEvents!.find((x) => x.lifecycleEventName === 'AfterInstall');
        return e?.status === 'InProgress' && e;
      },
      20_000,
      'the AfterInstall hook',
    );
    expect(hook.status).toBe('InProgress');
    const hookId = /lifecycleEventHookExecutionId (\S+) /.exec(hook.diagnostics!.message!)![1]!;
    expect(hook.diagnostics).toMatchObject({ scriptName: 'CheckAfterInstall' });
    const bad = await cd
      .send(
        new PutLifecycleEventHookExecutionStatusCommand({ deploymentId: id, lifecycleEventHookExecutionId: 'nope', status: 'Succeeded' }),
      )
      .catch((err: Error) => err);
    expect(bad).toMatchObject({ name: 'InvalidLifecycleEventHookExecutionIdException' });
    const put = await cd.send(
      new PutLifecycleEventHookExecutionStatusCommand({ deploymentId: id, lifecycleEventHookExecutionId: hookId, status: 'Succeeded' }),
    );
    expect(put.lifecycleEventHookExecutionId).toBe(hookId);

    await eventually(
      async () => (await listenerWeights(emu.endpoint, f.infra.prodListenerArn))[f.infra.green.arn] === 10,
      20_000,
      'the canary split',
    );
    const notReady = await cd
      .send(new ContinueDeploymentCommand({ deploymentId: id, deploymentWaitType: 'READY_WAIT' }))
      .catch((err: Error) => err);
    expect(notReady).toMatchObject({ name: 'DeploymentIsNotInReadyStateException' });
    const stop = await cd.send(new StopDeploymentCommand({ deploymentId: id, autoRollbackEnabled: true }));
    expect(stop.status).toBe('Pending');
    const stopped = await untilStatus(id, 'Stopped');
    expect(stopped.errorInformation?.code).toBe('MANUAL_STOP');
    const rollbackId = stopped.rollbackInfo!.rollbackDeploymentId!;
    const rollback = await untilStatus(rollbackId, 'Succeeded');
    expect(rollback).toMatchObject({ creator: 'autoRollback', rollbackInfo: { rollbackTriggeringDeploymentId: id } });
    expect(await listenerWeights(emu.endpoint, f.infra.prodListenerArn)).toEqual({ [f.infra.blue.arn]: 100, [f.infra.green.arn]: 0 });
    expect(await listenerWeights(emu.endpoint, f.infra.testListenerArn)).toEqual({ [f.infra.blue.arn]: 100, [f.infra.green.arn]: 0 });
    await eventually(
      async () => {
        const sets = await taskSets(f.cluster);
        return sets.length === 1 && sets[0]!.id === blue.id && sets[0]!.status === 'PRIMARY';
      },
      20_000,
      'the green task set to be deleted',
    );
    const again = await cd.send(new StopDeploymentCommand({ deploymentId: id })).catch((err: Error) => err);
    expect(again).toMatchObject({ name: 'DeploymentAlreadyCompletedException' });
  });

  it('stops in Ready with STOP_DEPLOYMENT: test traffic on green, production on blue until ContinueDeployment', {
    timeout: 60_000,
  }, async () => {
    const f = await fixture();
    await cd.send(
      new UpdateDeploymentGroupCommand({
        applicationName: f.app,
        currentDeploymentGroupName: f.group,
        deploymentConfigName: 'CodeDeployDefault.ECSAllAtOnce',
        blueGreenDeploymentConfiguration: {
          terminateBlueInstancesOnDeploymentSuccess: { action: 'TERMINATE', terminationWaitTimeInMinutes: 0 },
          deploymentReadyOption: { actionOnTimeout: 'STOP_DEPLOYMENT', waitTimeInMinutes: 600 },
        },
      }),
    );
    const id = await deploy(f, 2);
    await untilStatus(id, 'Ready');
    expect(await listenerWeights(emu.endpoint, f.infra.testListenerArn)).toEqual({ [f.infra.blue.arn]: 0, [f.infra.green.arn]: 100 });
    expect(await listenerWeights(emu.endpoint, f.infra.prodListenerArn)).toEqual({ [f.infra.blue.arn]: 1 });
    await cd.send(new ContinueDeploymentCommand({ deploymentId: id, deploymentWaitType: 'READY_WAIT' }));
    await untilStatus(id, 'Succeeded');
    expect(await listenerWeights(emu.endpoint, f.infra.prodListenerArn)).toEqual({ [f.infra.blue.arn]: 0, [f.infra.green.arn]: 100 });
    // The next deployment puts its task set in the target group the first one left idle.
    const next = await deploy(f, 3);
    await untilStatus(next, 'Ready');
    expect(await listenerWeights(emu.endpoint, f.infra.testListenerArn)).toEqual({ [f.infra.blue.arn]: 100, [f.infra.green.arn]: 0 });
    await cd.send(new ContinueDeploymentCommand({ deploymentId: next, deploymentWaitType: 'READY_WAIT' }));
    await untilStatus(next, 'Succeeded');
    expect(await listenerWeights(emu.endpoint, f.infra.prodListenerArn)).toEqual({ [f.infra.blue.arn]: 100, [f.infra.green.arn]: 0 });
  });
});
