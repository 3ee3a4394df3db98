// A CodeDeploy blue/green deployment of a web service on real containers, under steady HTTP traffic through the
// production listener: the canary split moves (10% of the answers come from the new revision, then all of them),
// the original tasks stop only after the termination wait, and a second deployment stopped with rollback puts all
// traffic back on the original tasks. No request fails. Minutes are shortened with deploymentTimeScale.
import {
  type CodeDeployClient,
  CreateApplicationCommand,
  CreateDeploymentCommand,
  CreateDeploymentGroupCommand,
  GetDeploymentCommand,
  StopDeploymentCommand,
} from '@aws-sdk/client-codedeploy';
import {
  CreateClusterCommand,
  CreateServiceCommand,
  DescribeServicesCommand,
  DescribeTasksCommand,
  ListTasksCommand,
} from '@aws-sdk/client-ecs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { blueGreenInfrastructure, codeDeployClient, ecsAppSpec, listenerWeights } from '../support/codedeploy.js';
import { get, WEB_APP, WEB_SUBNETS } from './support/web-service.js';
import { eventually } from '../support/services.js';
import { type DockerEmulator, registerBusybox, startDockerEmulator } from './support/docker-emulator.js';

const CLUSTER = 'codedeploy';

let d: DockerEmulator;
let cd: CodeDeployClient;
let revisions: string[];
beforeAll(async () => {
  // 0.02: a minute lasts 1.2 s; the canary's 5 minutes 6 s, the 5-minute termination wait 6 s.
  d = await startDockerEmulator('cdeploy', { deploymentTimeScale: 0.02 });
  cd = codeDeployClient(d.emu.endpoint);
  revisions = [];
  for (const r of ['one', 'two', 'three'])
    revisions.push(await registerBusybox(d.ecs, 'cdweb', WEB_APP(r), { portMappings: [{ containerPort: 8080, protocol: 'tcp' }] }));
});
afterAll(async () => {
  cd?.destroy();
  await d?.close();
});

/** Two clients sending requests one after another until stopped; counts answers by revision. */
function steadyTraffic(url: string) {
  const statuses = new Map<number, number>();
  const byRevision = new Map<string, number>();
  let running = true;
  const loop = async () => {
    while (running) {
      const r = await get(url);
      statuses.set(r.status, (statuses.get(r.status) ?? 0) + 1);
      if (r.status === 200) {
        const rev = r.body.split(' ')[0]!;
        byRevision.set(rev, (byRevision.get(rev) ?? 0) + 1);
      }
    }
  };
  const loops = [loop(), loop()];
  return {
    /** Answers by revision so far (and a fresh count from here when `reset`). */
    sample(reset = false) {
      const out = Object.fromEntries(byRevision);
      if (reset) byRevision.clear();
      return out as Record<string, number>;
    },
    async stop() {
      running = false;
      await Promise.all(loops);
      const total = [...statuses.values()].reduce((a, b) => a + b, 0);
      const failed = [...statuses].filter(([s]) => s < 200 || s > 299).reduce((n, [, c]) => n + c, 0);
      return { total, failed, statuses: Object.fromEntries(statuses) };
    },
  };
}

const deploymentOf = async (id: string) => (await cd.send(new GetDeploymentCommand({ deploymentId: id }))).deploymentInfo!;
async function tasksByRevision(): Promise<Record<string, string[]>> {
  const { taskArns } = await d.ecs.send(new ListTasksCommand({ cluster: CLUSTER, serviceName: 'web' }));
  const out: Record<string, string[]> = {};
  if (!taskArns?.length) return out;
  const { tasks } = await d.ecs.send(new DescribeTasksCommand({ cluster: CLUSTER, tasks: taskArns }));
  for (const t of tasks ?? []) (out[t.taskDefinitionArn!] ??= []).push(t.lastStatus!);
  return out;
}

describe.sequential('a CodeDeploy blue/green deployment under traffic', () => {
  it('shifts a canary, stops blue only after the termination wait, and rolls a stopped deployment back to blue, losing no request', {
    timeout: 150_000,
  }, async () => {
    const infra = await blueGreenInfrastructure(d.emu.endpoint, {
      containerPort: 8080,
      prodPort: 80,
      testPort: 8080,
      healthCheckIntervalSeconds: 5,
      healthyThresholdCount: 2,
    });
    await d.ecs.send(new CreateClusterCommand({ clusterName: CLUSTER }));
    await d.ecs.send(
      new CreateServiceCommand({
        cluster: CLUSTER,
        serviceName: 'web',
        taskDefinition: revisions[0],
        desiredCount: 2,
        launchType: 'FARGATE',
        deploymentController: { type: 'CODE_DEPLOY' },
        networkConfiguration: { awsvpcConfiguration: { subnets: WEB_SUBNETS } },
        loadBalancers: [{ targetGroupArn: infra.blue.arn, containerName: 'app', containerPort: 8080 }],
        healthCheckGracePeriodSeconds: 0,
      }),
    );
    const served = (await d.control.loadBalancers()).find((l) => l.listenerArn === infra.prodListenerArn)!;
    const url = `http://${served.address}:${served.hostPort}/`;
    await eventually(
      async () => {
        const { services } = await d.ecs.send(new DescribeServicesCommand({ cluster: CLUSTER, services: ['web'] }));
        const primary = services![0]!.taskSets?.find((ts) => ts.status === 'PRIMARY');
        return primary?.stabilityStatus === 'STEADY_STATE' && primary.runningCount === 2 && (await get(url)).body.startsWith('one');
      },
      90_000,
      'the service to serve revision one',
    ).catch(async (err) => {
      const { services } = await d.ecs.send(new DescribeServicesCommand({ cluster: CLUSTER, services: ['web'] }));
      console.info(JSON.stringify(services![0]!.taskSets, null, 1), await get(url), JSON.stringify(services![0]!.events?.slice(0, 8)));
      throw err;
    });
    await cd.send(new CreateApplicationCommand({ applicationName: 'web', computePlatform: 'ECS' }));
    await cd.send(
      new CreateDeploymentGroupCommand({
        applicationName: 'web',
        deploymentGroupName: 'web',
        serviceRoleArn: 'arn:aws:iam::000000000000:role/ecsCodeDeployRole',
        deploymentConfigName: 'CodeDeployDefault.ECSCanary10Percent5Minutes',
        deploymentStyle: { deploymentType: 'BLUE_GREEN', deploymentOption: 'WITH_TRAFFIC_CONTROL' },
        ecsServices: [{ clusterName: CLUSTER, serviceName: 'web' }],
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
          terminateBlueInstancesOnDeploymentSuccess: { action: 'TERMINATE', terminationWaitTimeInMinutes: 5 },
          deploymentReadyOption: { actionOnTimeout: 'CONTINUE_DEPLOYMENT' },
        },
        autoRollbackConfiguration: { enabled: true, events: ['DEPLOYMENT_FAILURE', 'DEPLOYMENT_STOP_ON_REQUEST'] },
      }),
    );
    const deploy = async (revision: string) =>
      (
        await cd.send(
          new CreateDeploymentCommand({
            applicationName: 'web',
            deploymentGroupName: 'web',
            revision: { revisionType: 'AppSpecContent', appSpecContent: { content: ecsAppSpec(revision, 'app', 8080) } },
          }),
        )
      ).deploymentId!;

    const traffic = steadyTraffic(url);
    try {
      // 1. Revision two, as a canary: 10% of the answers from two while the split holds, then all of them.
      const first = await deploy(revisions[1]!);
      await eventually(
        async () => (await listenerWeights(d.emu.endpoint, infra.prodListenerArn))[infra.green.arn] === 10,
        90_000,
        'the canary split',
      );
      traffic.sample(true);
      await eventually(
        async () => (traffic.sample().one ?? 0) + (traffic.sample().two ?? 0) >= 100,
        30_000,
        '100 answers during the canary',
      );
      const canary = traffic.sample(true);
      const weightsAfter = await listenerWeights(d.emu.endpoint, infra.prodListenerArn);
      console.info('answers during the 10% canary', canary, weightsAfter);
      if (weightsAfter[infra.green.arn] === 10) {
        const share = (canary.two ?? 0) / ((canary.one ?? 0) + (canary.two ?? 0));
        expect(share).toBeGreaterThan(0.05);
        expect(share).toBeLessThan(0.2);
      }
      const waiting = await eventually(
        async () => {
          const dep = await deploymentOf(first);
          return dep.instanceTerminationWaitTimeStarted && dep;
        },
        30_000,
        'the termination wait',
      );
      expect(waiting.status).toBe('InProgress');
      // All traffic on two, and the blue tasks still running during the termination wait.
      expect(await listenerWeights(d.emu.endpoint, infra.prodListenerArn)).toEqual({ [infra.blue.arn]: 0, [infra.green.arn]: 100 });
      expect((await tasksByRevision())[revisions[0]!]).toEqual(['RUNNING', 'RUNNING']);
      traffic.sample(true);
      await eventually(async () => (traffic.sample().two ?? 0) >= 20, 20_000, 'answers from two');
      expect(traffic.sample(true).one).toBeUndefined();
      await eventually(async () => (await deploymentOf(first)).status === 'Succeeded', 30_000, 'the first deployment to succeed');
      await eventually(async () => (await tasksByRevision())[revisions[0]!]?.every((s) => s === 'STOPPED') ?? true, 60_000, 'blue to stop');

      // 2. Revision three, stopped during its canary with rollback: all traffic back on two, three's tasks go.
      const second = await deploy(revisions[2]!);
      await eventually(
        async () => (await listenerWeights(d.emu.endpoint, infra.prodListenerArn))[infra.blue.arn] === 10,
        90_000,
        'the second canary split',
      );
      traffic.sample(true);
      await eventually(async () => (traffic.sample().three ?? 0) > 0, 20_000, 'an answer from three');
      await cd.send(new StopDeploymentCommand({ deploymentId: second, autoRollbackEnabled: true }));
      const stopped = await eventually(
        async () => {
          const dep = await deploymentOf(second);
          return dep.status === 'Stopped' && dep;
        },
        30_000,
        'the stop',
      );
      const rollbackId = stopped.rollbackInfo!.rollbackDeploymentId!;
      await eventually(async () => (await deploymentOf(rollbackId)).status === 'Succeeded', 30_000, 'the rollback');
      expect(await listenerWeights(d.emu.endpoint, infra.prodListenerArn)).toEqual({ [infra.blue.arn]: 0, [infra.green.arn]: 100 });
      traffic.sample(true);
      await eventually(async () => (traffic.sample().two ?? 0) >= 20, 20_000, 'answers from two again');
      expect(traffic.sample(true).three).toBeUndefined();
      await eventually(
        async () => (await tasksByRevision())[revisions[2]!]?.every((s) => s === 'STOPPED') ?? true,
        60_000,
        'three to stop',
      );
    } finally {
      const result = await traffic.stop();
      console.info('traffic during the CodeDeploy deployments', result);
      expect(result.failed).toBe(0);
    }
  });
});
