// ECS-native blue/green, canary and linear deployments (deploymentConfiguration.strategy) through the SDK and the
// AWS CLI, on the in-memory runtime with a health probe that passes: green tasks in the alternate target group, the
// test rule moved, the production rule's weights shifted (watched through DescribeRules), a PAUSE lifecycle hook
// answered with ContinueServiceDeployment, blue stopped after the bake time; rollbacks put all traffic on blue.
import { DescribeTargetHealthCommand, type ElasticLoadBalancingV2Client } from '@aws-sdk/client-elastic-load-balancing-v2';
import {
  ContinueServiceDeploymentCommand,
  CreateServiceCommand,
  DescribeServiceDeploymentsCommand,
  ListServiceDeploymentsCommand,
  StopServiceDeploymentCommand,
  StopTaskCommand,
  UpdateServiceCommand,
  type DeploymentConfiguration,
  type ServiceDeployment,
} from '@aws-sdk/client-ecs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultVpc } from '../../src/domain/network/vpc.js';
import type { FakeTaskRuntime } from '../fakes/fake-task-runtime.js';
import { awsCliFor, type AwsCli } from '../support/aws-cli.js';
import { blueGreenLoadBalancer, ruleWeights } from '../support/blue-green.js';
import { expectEcsError } from '../support/ecs-error.js';
import { startTestEmulator, uniqueName, type TestEmulator } from '../support/emulator.js';
import { elbv2Client } from '../support/elbv2.js';
import { describeService, eventually, fargateCluster, runningTasksOf } from '../support/services.js';
import { storeTaskDefinition } from '../support/task-definitions.js';

const scope = { accountId: '000000000000', region: 'us-east-1' };
const network = {
  awsvpcConfiguration: {
    subnets: defaultVpc(scope, 0)
      .subnets.map((s) => s.subnetId)
      .slice(0, 2),
  },
};

let emu: TestEmulator;
let elb: ElasticLoadBalancingV2Client;
let aws: AwsCli;
let family: string;
let ports = 30_000 + ((process.pid * 13) % 20_000);
beforeAll(async () => {
  // A minute lasts 0.3 s: a canary bake of 20 minutes is 6 s, long enough to watch the split.
  emu = await startTestEmulator({ deploymentTimeScale: 0.005 }, { healthProbe: async () => ({ ok: true }) });
  elb = elbv2Client(emu.endpoint);
  aws = await awsCliFor(emu.endpoint);
  family = uniqueName('bg');
  storeTaskDefinition(emu.deps.store, scope, family, [{ name: 'web', image: 'busybox', portMappings: [{ containerPort: 8080 }] }]);
  storeTaskDefinition(emu.deps.store, scope, family, [{ name: 'web', image: 'busybox:2', portMappings: [{ containerPort: 8080 }] }]);
  // Revision 3's essential container exits at once (after the task went RUNNING, as on Docker).
  storeTaskDefinition(emu.deps.store, scope, family, [{ name: 'web', image: 'busybox:crash', portMappings: [{ containerPort: 8080 }] }]);
  (emu.runtime as FakeTaskRuntime).exitOnStart.set('busybox:crash', 1);
});
afterAll(async () => {
  elb.destroy();
  aws.dispose();
  await emu.close();
});

async function blueGreenService(deploymentConfiguration: DeploymentConfiguration, options: { blueOnly?: boolean } = {}) {
  ports += 2;
  const lb = await blueGreenLoadBalancer(elb, emu.endpoint, { port: 8080, productionPort: ports, testPort: ports + 1, ...options });
  const cluster = await fargateCluster(emu.ecs, 'bg');
  await emu.ecs.send(
    new CreateServiceCommand({
      cluster,
      serviceName: 'web',
      taskDefinition: `${family}:1`,
      desiredCount: 2,
      launchType: 'FARGATE',
      networkConfiguration: network,
      deploymentConfiguration,
      loadBalancers: [
        {
          targetGroupArn: lb.blue,
          containerName: 'web',
          containerPort: 8080,
          advancedConfiguration: {
            alternateTargetGroupArn: lb.green,
            productionListenerRule: lb.productionRule,
            testListenerRule: lb.testRule,
            roleArn: 'arn:aws:iam::000000000000:role/ecs-infrastructure',
          },
        },
      ],
    }),
  );
  await eventually(
    async () => (await describeService(emu.ecs, cluster, 'web')).deployments?.[0]?.rolloutState === 'COMPLETED',
    20_000,
    'the first deployment',
  );
  return { cluster, lb };
}

const targetsIn = async (tg: string) =>
  ((await elb.send(new DescribeTargetHealthCommand({ TargetGroupArn: tg }))).TargetHealthDescriptions ?? []).filter(
    (t) => t.TargetHealth?.State !== 'draining',
  );

async function latestDeployment(cluster: string): Promise<ServiceDeployment> {
  const list = await emu.ecs.send(new ListServiceDeploymentsCommand({ cluster, service: 'web' }));
  const arn = list.serviceDeployments![0]!.serviceDeploymentArn!;
  return (await emu.ecs.send(new DescribeServiceDeploymentsCommand({ serviceDeploymentArns: [arn] }))).serviceDeployments![0]!;
}

async function deploy(cluster: string, revision = 2): Promise<void> {
  await emu.ecs.send(new UpdateServiceCommand({ cluster, service: 'web', taskDefinition: `${family}:${revision}` }));
}

const taskDefinitionsRunning = async (cluster: string) =>
  (await runningTasksOf(emu.ecs, cluster, 'web'))
    .filter((t) => t.lastStatus === 'RUNNING' && t.desiredStatus === 'RUNNING')
    .map((t) => t.taskDefinitionArn!.split(':').pop())
    .sort();

describe('BLUE_GREEN', () => {
  it('starts green in the alternate target group, moves the test rule, waits for a PAUSE hook, shifts production, bakes, stops blue', {
    timeout: 60_000,
  }, async () => {
    const { cluster, lb } = await blueGreenService({
      strategy: 'BLUE_GREEN',
      bakeTimeInMinutes: 20,
      lifecycleHooks: [{ targetType: 'PAUSE', lifecycleStages: ['POST_TEST_TRAFFIC_SHIFT'] }],
    });
    expect(await targetsIn(lb.blue)).toHaveLength(2);
    expect(await targetsIn(lb.green)).toHaveLength(0);
    const svc = await describeService(emu.ecs, cluster, 'web');
    expect(svc.deploymentConfiguration).toMatchObject({ strategy: 'BLUE_GREEN', bakeTimeInMinutes: 20 });

    await deploy(cluster);
    const paused = await eventually(
      async () => {
        const d = await latestDeployment(cluster);
        return d.lifecycleStage === 'POST_TEST_TRAFFIC_SHIFT' && d.lifecycleHookDetails?.[0]?.status === 'AWAITING_ACTION' && d;
      },
      20_000,
      'the deployment paused after the test traffic shift',
    );
    expect(paused.status).toBe('IN_PROGRESS');
    expect(paused.deploymentConfiguration?.strategy).toBe('BLUE_GREEN');
    expect(await targetsIn(lb.green)).toHaveLength(2);
    expect(await ruleWeights(elb, lb.testListener)).toEqual({ [lb.blue]: 0, [lb.green]: 100 });
    expect(await ruleWeights(elb, lb.productionListener)).toEqual({ [lb.blue]: 100, [lb.green]: 0 });
    expect(await taskDefinitionsRunning(cluster)).toEqual(['1', '1', '2', '2']);

    await emu.ecs.send(
      new ContinueServiceDeploymentCommand({
        serviceDeploymentArn: paused.serviceDeploymentArn,
        hookId: paused.lifecycleHookDetails![0]!.hookId,
        action: 'CONTINUE',
      }),
    );
    const baking = await eventually(async () => {
      const d = await latestDeployment(cluster);
      return d.lifecycleStage === 'BAKE_TIME' && d;
    });
    expect(baking.status).toBe('IN_PROGRESS');
    expect(await ruleWeights(elb, lb.productionListener)).toEqual({ [lb.blue]: 0, [lb.green]: 100 });
    // Blue still runs while the deployment bakes.
    expect(await taskDefinitionsRunning(cluster)).toEqual(['1', '1', '2', '2']);

    const done = await eventually(
      async () => {
        const d = await latestDeployment(cluster);
        return d.status === 'SUCCESSFUL' && d;
      },
      20_000,
      'the deployment successful',
    );
    expect(done.lifecycleStage).toBe('CLEAN_UP');
    expect(await taskDefinitionsRunning(cluster)).toEqual(['2', '2']);
    expect(await targetsIn(lb.blue)).toHaveLength(0);
    expect(await ruleWeights(elb, lb.productionListener)).toEqual({ [lb.blue]: 0, [lb.green]: 100 });
  });

  it('rolls back when a PAUSE hook is answered ROLLBACK: all traffic on blue, green stopped', { timeout: 60_000 }, async () => {
    const { cluster, lb } = await blueGreenService({
      strategy: 'BLUE_GREEN',
      lifecycleHooks: [{ targetType: 'PAUSE', lifecycleStages: ['POST_TEST_TRAFFIC_SHIFT'] }],
    });
    await deploy(cluster);
    const paused = await eventually(async () => {
      const d = await latestDeployment(cluster);
      return d.lifecycleHookDetails?.[0]?.status === 'AWAITING_ACTION' && d;
    }, 20_000);
    expect(await ruleWeights(elb, lb.testListener)).toEqual({ [lb.blue]: 0, [lb.green]: 100 });
    // ABORT is in the API model but AWS accepts only ROLLBACK: refused, and the deployment goes on waiting.
    await expectEcsError(
      emu.ecs.send(new StopServiceDeploymentCommand({ serviceDeploymentArn: paused.serviceDeploymentArn, stopType: 'ABORT' })),
      'InvalidParameterException',
      "The stop type ABORT isn't supported. The valid values are ROLLBACK.",
    );
    const after = await latestDeployment(cluster);
    expect(after).toMatchObject({ status: 'IN_PROGRESS', lifecycleStage: 'POST_TEST_TRAFFIC_SHIFT' });
    expect(after.lifecycleHookDetails?.[0]?.status).toBe('AWAITING_ACTION');
    await emu.ecs.send(
      new ContinueServiceDeploymentCommand({
        serviceDeploymentArn: paused.serviceDeploymentArn,
        hookId: paused.lifecycleHookDetails![0]!.hookId,
        action: 'ROLLBACK',
      }),
    );
    const rolledBack = await eventually(
      async () => {
        const d = await latestDeployment(cluster);
        return d.status === 'ROLLBACK_SUCCESSFUL' && d;
      },
      20_000,
      'the rollback',
    );
    expect(rolledBack.rollback?.serviceRevisionArn).toBeDefined();
    expect(await ruleWeights(elb, lb.testListener)).toEqual({ [lb.blue]: 100, [lb.green]: 0 });
    expect(await ruleWeights(elb, lb.productionListener)).toEqual({ [lb.blue]: 100, [lb.green]: 0 });
    expect(await taskDefinitionsRunning(cluster)).toEqual(['1', '1']);
    await expectEcsError(
      emu.ecs.send(
        new ContinueServiceDeploymentCommand({
          serviceDeploymentArn: paused.serviceDeploymentArn,
          hookId: paused.lifecycleHookDetails![0]!.hookId,
        }),
      ),
      'InvalidParameterException',
    );
  });
  it('the circuit breaker rolls back a deployment whose green tasks fail: all traffic on blue, green stopped', {
    timeout: 60_000,
  }, async () => {
    const { cluster, lb } = await blueGreenService({
      strategy: 'BLUE_GREEN',
      deploymentCircuitBreaker: { enable: true, rollback: true },
    });
    const blueId = (await describeService(emu.ecs, cluster, 'web')).deployments![0]!.id!;
    await deploy(cluster, 3);
    const greenId = (await describeService(emu.ecs, cluster, 'web')).deployments![0]!.id!;
    const rolledBack = await eventually(
      async () => {
        const d = await latestDeployment(cluster);
        return d.status === 'ROLLBACK_SUCCESSFUL' && d;
      },
      30_000,
      'the circuit breaker rollback',
    );
    expect(rolledBack.deploymentCircuitBreaker?.status).toBe('TRIGGERED');
    expect(rolledBack.rollback?.serviceRevisionArn).toBe(rolledBack.sourceServiceRevisions?.[0]?.arn);
    expect(await ruleWeights(elb, lb.testListener)).toEqual({ [lb.blue]: 100, [lb.green]: 0 });
    expect(await ruleWeights(elb, lb.productionListener)).toEqual({ [lb.blue]: 100, [lb.green]: 0 });
    expect(await taskDefinitionsRunning(cluster)).toEqual(['1', '1']);
    expect(await targetsIn(lb.blue)).toHaveLength(2);
    expect(await targetsIn(lb.green)).toHaveLength(0);
    const svc = await describeService(emu.ecs, cluster, 'web');
    expect(svc.taskDefinition).toBe(svc.deployments![0]!.taskDefinition);
    expect(svc.deployments![0]).toMatchObject({ id: blueId, status: 'PRIMARY', rolloutState: 'COMPLETED' });
    // The failed deployment is gone from the service once the rollback completed, as on AWS.
    expect(svc.deployments!.map((d) => d.id)).toEqual([blueId]);
    const messages = svc.events!.map((e) => e.message);
    expect(messages).toContain(`(service web) (deployment ${greenId}) deployment failed: tasks failed to start.`);
    expect(messages).toContain(`(service web) rolling back to deployment ${blueId}.`);
  });

  it('a PAUSE hook not answered within its timeout times out: ROLLBACK by default, or CONTINUE when configured', {
    timeout: 60_000,
  }, async () => {
    // 10 minutes scale to 3 s here; the hook waits that long, then the deployment rolls back.
    const { cluster, lb } = await blueGreenService({
      strategy: 'BLUE_GREEN',
      lifecycleHooks: [{ targetType: 'PAUSE', lifecycleStages: ['POST_SCALE_UP'], timeoutConfiguration: { timeoutInMinutes: 10 } }],
    });
    expect((await describeService(emu.ecs, cluster, 'web')).deploymentConfiguration?.lifecycleHooks?.[0]?.timeoutConfiguration).toEqual({
      timeoutInMinutes: 10,
    });
    await deploy(cluster);
    const paused = await eventually(async () => {
      const d = await latestDeployment(cluster);
      return d.lifecycleHookDetails?.[0]?.status === 'AWAITING_ACTION' && d;
    }, 20_000);
    const hook = paused.lifecycleHookDetails![0]!;
    expect(hook.timeoutAction).toBe('ROLLBACK');
    expect(hook.expiresAt).toBeInstanceOf(Date);
    const rolledBack = await eventually(
      async () => {
        const d = await latestDeployment(cluster);
        return d.status === 'ROLLBACK_SUCCESSFUL' && d;
      },
      20_000,
      'the rollback after the hook timed out',
    );
    expect(rolledBack.lifecycleHookDetails?.[0]?.status).toBe('TIMED_OUT');
    expect(await ruleWeights(elb, lb.productionListener)).toEqual({ [lb.blue]: 100, [lb.green]: 0 });
    expect(await taskDefinitionsRunning(cluster)).toEqual(['1', '1']);
    await expectEcsError(
      emu.ecs.send(new ContinueServiceDeploymentCommand({ serviceDeploymentArn: paused.serviceDeploymentArn, hookId: hook.hookId })),
      'InvalidParameterException',
    );

    await emu.ecs.send(
      new UpdateServiceCommand({
        cluster,
        service: 'web',
        taskDefinition: `${family}:2`,
        deploymentConfiguration: {
          strategy: 'BLUE_GREEN',
          lifecycleHooks: [
            { targetType: 'PAUSE', lifecycleStages: ['POST_SCALE_UP'], timeoutConfiguration: { timeoutInMinutes: 1, action: 'CONTINUE' } },
          ],
        },
      }),
    );
    const done = await eventually(
      async () => {
        const d = await latestDeployment(cluster);
        return d.serviceDeploymentArn !== paused.serviceDeploymentArn && d.status === 'SUCCESSFUL' && d;
      },
      20_000,
      'the deployment going on after the hook timed out',
    );
    expect(done.lifecycleHookDetails?.[0]).toMatchObject({ status: 'TIMED_OUT', timeoutAction: 'CONTINUE' });
    expect(await ruleWeights(elb, lb.productionListener)).toEqual({ [lb.blue]: 0, [lb.green]: 100 });
    expect(await taskDefinitionsRunning(cluster)).toEqual(['2', '2']);
  });

  it('replaces a blue task that stops while the deployment waits, so blue keeps its count until CLEAN_UP', {
    timeout: 60_000,
  }, async () => {
    const { cluster, lb } = await blueGreenService({
      strategy: 'BLUE_GREEN',
      lifecycleHooks: [{ targetType: 'PAUSE', lifecycleStages: ['POST_TEST_TRAFFIC_SHIFT'] }],
    });
    await deploy(cluster);
    const paused = await eventually(async () => {
      const d = await latestDeployment(cluster);
      return d.lifecycleHookDetails?.[0]?.status === 'AWAITING_ACTION' && d;
    }, 20_000);
    const running = await runningTasksOf(emu.ecs, cluster, 'web');
    const blueTask = running.find((t) => t.taskDefinitionArn!.endsWith(':1'))!;
    await emu.ecs.send(new StopTaskCommand({ cluster, task: blueTask.taskArn, reason: 'blue task lost' }));
    const blueBack = await eventually(
      async () => {
        const tasks = (await runningTasksOf(emu.ecs, cluster, 'web')).filter(
          (t) => t.taskDefinitionArn!.endsWith(':1') && t.lastStatus === 'RUNNING' && t.desiredStatus === 'RUNNING',
        );
        return tasks.length === 2 && !tasks.some((t) => t.taskArn === blueTask.taskArn) && tasks;
      },
      20_000,
      'blue back at two tasks',
    );
    expect(blueBack.every((t) => t.startedBy === blueTask.startedBy)).toBe(true);
    // The replacement serves production in blue's target group; the deployment still waits on its hook.
    await eventually(async () => (await targetsIn(lb.blue)).length === 2, 20_000, 'the replacement registered in blue');
    expect(await latestDeployment(cluster)).toMatchObject({ status: 'IN_PROGRESS', lifecycleStage: 'POST_TEST_TRAFFIC_SHIFT' });
    expect(await taskDefinitionsRunning(cluster)).toEqual(['1', '1', '2', '2']);

    await emu.ecs.send(
      new ContinueServiceDeploymentCommand({
        serviceDeploymentArn: paused.serviceDeploymentArn,
        hookId: paused.lifecycleHookDetails![0]!.hookId,
      }),
    );
    await eventually(async () => (await latestDeployment(cluster)).status === 'SUCCESSFUL', 20_000, 'the deployment');
    expect(await taskDefinitionsRunning(cluster)).toEqual(['2', '2']);
    expect(await targetsIn(lb.blue)).toHaveLength(0);
  });

  it('supersedes a deployment in progress: its tasks stop, the new one starts beside the serving revision', {
    timeout: 60_000,
  }, async () => {
    const { cluster, lb } = await blueGreenService({
      strategy: 'BLUE_GREEN',
      lifecycleHooks: [{ targetType: 'PAUSE', lifecycleStages: ['POST_TEST_TRAFFIC_SHIFT'] }],
    });
    await deploy(cluster);
    const first = await eventually(async () => {
      const d = await latestDeployment(cluster);
      return d.lifecycleHookDetails?.[0]?.status === 'AWAITING_ACTION' && d;
    }, 20_000);
    await emu.ecs.send(new UpdateServiceCommand({ cluster, service: 'web', taskDefinition: `${family}:1`, forceNewDeployment: true }));
    const second = await eventually(async () => {
      const d = await latestDeployment(cluster);
      return d.serviceDeploymentArn !== first.serviceDeploymentArn && d.lifecycleHookDetails?.[0]?.status === 'AWAITING_ACTION' && d;
    }, 20_000);
    const superseded = (await emu.ecs.send(new DescribeServiceDeploymentsCommand({ serviceDeploymentArns: [first.serviceDeploymentArn!] })))
      .serviceDeployments![0]!;
    expect(superseded.status).toBe('STOPPED');
    expect(await taskDefinitionsRunning(cluster)).toEqual(['1', '1', '1', '1']);
    await emu.ecs.send(
      new ContinueServiceDeploymentCommand({
        serviceDeploymentArn: second.serviceDeploymentArn,
        hookId: second.lifecycleHookDetails![0]!.hookId,
      }),
    );
    await eventually(async () => (await latestDeployment(cluster)).status === 'SUCCESSFUL', 20_000, 'the second deployment');
    expect(await ruleWeights(elb, lb.productionListener)).toEqual({ [lb.blue]: 0, [lb.green]: 100 });
    expect(await targetsIn(lb.green)).toHaveLength(2);
    expect(await targetsIn(lb.blue)).toHaveLength(0);
  });
  it('runs RECONCILE_SERVICE, and its hooks, only for a deployment that starts while another is in progress', {
    timeout: 60_000,
  }, async () => {
    const { cluster } = await blueGreenService({
      strategy: 'BLUE_GREEN',
      lifecycleHooks: [
        { targetType: 'PAUSE', lifecycleStages: ['RECONCILE_SERVICE'] },
        { targetType: 'PAUSE', lifecycleStages: ['POST_SCALE_UP'] },
      ],
    });
    await deploy(cluster);
    // One ACTIVE revision when it starts: no reconciliation, straight to the stages after it.
    const first = await eventually(async () => {
      const d = await latestDeployment(cluster);
      return d.lifecycleHookDetails?.[0]?.status === 'AWAITING_ACTION' && d;
    }, 20_000);
    expect(first.lifecycleStage).toBe('POST_SCALE_UP');
    expect(first.lifecycleHookDetails).toHaveLength(1);

    // Two ACTIVE revisions (the serving one and the one in progress): the new deployment reconciles first.
    await deploy(cluster, 1);
    const reconciling = await eventually(async () => {
      const d = await latestDeployment(cluster);
      return d.serviceDeploymentArn !== first.serviceDeploymentArn && d.lifecycleHookDetails?.[0]?.status === 'AWAITING_ACTION' && d;
    }, 20_000);
    expect(reconciling.lifecycleStage).toBe('RECONCILE_SERVICE');
    expect(reconciling.lifecycleHookDetails).toHaveLength(1);
    // The superseded deployment's tasks are gone; the new one has started none while it reconciles.
    await eventually(async () => (await taskDefinitionsRunning(cluster)).join() === '1,1', 20_000, 'the superseded tasks stopped');
    expect((await describeService(emu.ecs, cluster, 'web')).deployments?.[0]?.runningCount).toBe(0);

    await emu.ecs.send(
      new ContinueServiceDeploymentCommand({
        serviceDeploymentArn: reconciling.serviceDeploymentArn,
        hookId: reconciling.lifecycleHookDetails![0]!.hookId,
      }),
    );
    const scaledUp = await eventually(async () => {
      const d = await latestDeployment(cluster);
      return d.lifecycleStage === 'POST_SCALE_UP' && d.lifecycleHookDetails?.some((h) => h.status === 'AWAITING_ACTION') && d;
    }, 20_000);
    // The RECONCILE_SERVICE hook answered, then POST_SCALE_UP's.
    expect(scaledUp.lifecycleHookDetails?.map((h) => [h.hookId, h.status])).toEqual([
      [reconciling.lifecycleHookDetails![0]!.hookId, 'SUCCEEDED'],
      [expect.any(String), 'AWAITING_ACTION'],
    ]);
    expect(await taskDefinitionsRunning(cluster)).toEqual(['1', '1', '1', '1']);
    await emu.ecs.send(
      new ContinueServiceDeploymentCommand({
        serviceDeploymentArn: scaledUp.serviceDeploymentArn,
        hookId: scaledUp.lifecycleHookDetails![1]!.hookId,
      }),
    );
    await eventually(async () => (await latestDeployment(cluster)).status === 'SUCCESSFUL', 20_000, 'the second deployment');
    expect(await taskDefinitionsRunning(cluster)).toEqual(['1', '1']);
  });
});

describe('CANARY and LINEAR', () => {
  it('shifts the canary percent, then the rest; StopServiceDeployment rolls all traffic back to blue', { timeout: 60_000 }, async () => {
    const { cluster, lb } = await blueGreenService({
      strategy: 'CANARY',
      canaryConfiguration: { canaryPercent: 20, canaryBakeTimeInMinutes: 1440 },
    });
    await deploy(cluster);
    await eventually(
      async () => {
        const w = await ruleWeights(elb, lb.productionListener);
        return w[lb.blue] === 80 && w[lb.green] === 20;
      },
      20_000,
      'the canary split',
    );
    const d = await latestDeployment(cluster);
    expect(d.lifecycleStage).toBe('PRODUCTION_TRAFFIC_SHIFT');
    await emu.ecs.send(new StopServiceDeploymentCommand({ serviceDeploymentArn: d.serviceDeploymentArn, stopType: 'ROLLBACK' }));
    expect(await ruleWeights(elb, lb.productionListener)).toEqual({ [lb.blue]: 100, [lb.green]: 0 });
    await eventually(async () => (await latestDeployment(cluster)).status === 'ROLLBACK_SUCCESSFUL', 20_000, 'the rollback');
    expect(await taskDefinitionsRunning(cluster)).toEqual(['1', '1']);
  });

  it('shifts production in linear steps up to 100 percent, through the AWS CLI', { timeout: 60_000 }, async () => {
    // The rules forward to blue only at first: the deployment adds green at weight 0.
    const { cluster, lb } = await blueGreenService(
      { strategy: 'LINEAR', linearConfiguration: { stepPercent: 50, stepBakeTimeInMinutes: 20 } },
      { blueOnly: true },
    );
    const update = await aws.run(['ecs', 'update-service', '--cluster', cluster, '--service', 'web', '--task-definition', `${family}:2`]);
    expect(update.code, update.stderr).toBe(0);
    await eventually(async () => {
      const w = await ruleWeights(elb, lb.productionListener);
      return w[lb.blue] === 50 && w[lb.green] === 50;
    }, 20_000);
    await eventually(async () => (await latestDeployment(cluster)).status === 'SUCCESSFUL', 30_000, 'the linear deployment');
    expect(await ruleWeights(elb, lb.productionListener)).toEqual({ [lb.blue]: 0, [lb.green]: 100 });
    expect((await describeService(emu.ecs, cluster, 'web')).deploymentConfiguration?.linearConfiguration).toEqual({
      stepPercent: 50,
      stepBakeTimeInMinutes: 20,
    });

    // The next deployment goes the other way: green is the main target group again.
    await emu.ecs.send(new UpdateServiceCommand({ cluster, service: 'web', taskDefinition: `${family}:1` }));
    await eventually(async () => (await latestDeployment(cluster)).status === 'SUCCESSFUL', 30_000, 'the deployment back');
    expect(await ruleWeights(elb, lb.productionListener)).toEqual({ [lb.blue]: 100, [lb.green]: 0 });
    expect(await targetsIn(lb.green)).toHaveLength(0);
    expect(await targetsIn(lb.blue)).toHaveLength(2);
  });

  it('refuses strategy settings out of AWS ranges', async () => {
    const cluster = await fargateCluster(emu.ecs, 'bgv');
    const create = (deploymentConfiguration: DeploymentConfiguration) =>
      emu.ecs.send(
        new CreateServiceCommand({
          cluster,
          serviceName: uniqueName('v'),
          taskDefinition: `${family}:1`,
          launchType: 'FARGATE',
          networkConfiguration: network,
          deploymentConfiguration,
        }),
      );
    await expectEcsError(create({ strategy: 'LINEAR', linearConfiguration: { stepPercent: 2 } }), 'InvalidParameterException');
    await expectEcsError(create({ strategy: 'CANARY', canaryConfiguration: { canaryPercent: 0 } }), 'InvalidParameterException');
    await expectEcsError(create({ strategy: 'BLUE_GREEN', bakeTimeInMinutes: 1441 }), 'InvalidParameterException');
    await expectEcsError(
      create({ strategy: 'BLUE_GREEN', lifecycleHooks: [{ targetType: 'AWS_LAMBDA', lifecycleStages: ['PRE_SCALE_UP'] }] }),
      'InvalidParameterException',
    );
    const ok = await create({ strategy: 'LINEAR' });
    expect(ok.service?.deploymentConfiguration?.linearConfiguration).toEqual({ stepPercent: 10, stepBakeTimeInMinutes: 6 });
  });
});
