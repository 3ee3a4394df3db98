// ECS services behind an application load balancer, on the in-memory runtime with a health probe the test
// controls: tasks registered once RUNNING, a rollout that waits on target health, old tasks DEACTIVATING while
// their targets drain, unhealthy targets replaced with ECS's reason, and CreateService's checks of loadBalancers.
import { DescribeTargetHealthCommand, type ElasticLoadBalancingV2Client } from '@aws-sdk/client-elastic-load-balancing-v2';
import { CreateServiceCommand, DescribeTasksCommand, UpdateServiceCommand } from '@aws-sdk/client-ecs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultVpc } from '../../src/domain/network/vpc.js';
import { startTestEmulator, uniqueName, type TestEmulator } from '../support/emulator.js';
import { elbv2Client, targetGroupBehindListener } from '../support/elbv2.js';
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
/** IPs whose health checks fail (the probe answers 500 for them). */
const failing = new Set<string>();

let emu: TestEmulator;
let elb: ElasticLoadBalancingV2Client;
let family: string;
beforeAll(async () => {
  emu = await startTestEmulator(
    {},
    {
      healthProbe: async (req) =>
        failing.has(req.ip)
          ? { ok: false, reason: 'Target.ResponseCodeMismatch', description: 'Health checks failed with these codes: [500]' }
          : { ok: true },
    },
  );
  elb = elbv2Client(emu.endpoint);
  family = uniqueName('lb');
  storeTaskDefinition(emu.deps.store, scope, family, [{ name: 'web', image: 'busybox', portMappings: [{ containerPort: 8080 }] }]);
  storeTaskDefinition(emu.deps.store, scope, family, [{ name: 'web', image: 'busybox:2', portMappings: [{ containerPort: 8080 }] }]);
});
afterAll(async () => {
  elb.destroy();
  await emu.close();
});

const health = async (targetGroupArn: string) =>
  (await elb.send(new DescribeTargetHealthCommand({ TargetGroupArn: targetGroupArn }))).TargetHealthDescriptions ?? [];
const ipOf = (t: { attachments?: { details?: { name?: string; value?: string }[] }[] }) =>
  t.attachments?.[0]?.details?.find((d) => d.name === 'privateIPv4Address')?.value;

async function serviceBehind(targetGroupArn: string, desiredCount: number, extra: Record<string, unknown> = {}) {
  const cluster = await fargateCluster(emu.ecs, 'lb');
  await emu.ecs.send(
    new CreateServiceCommand({
      cluster,
      serviceName: 'web',
      taskDefinition: `${family}:1`,
      desiredCount,
      launchType: 'FARGATE',
      networkConfiguration: network,
      loadBalancers: [{ targetGroupArn, containerName: 'web', containerPort: 8080 }],
      ...extra,
    }),
  );
  return cluster;
}

describe('services behind a load balancer', () => {
  it('registers each RUNNING task by IP and container port, and completes the rollout once targets are healthy', {
    timeout: 60_000,
  }, async () => {
    const tg = await targetGroupBehindListener(emu.endpoint, { port: 8080, healthCheckIntervalSeconds: 5, healthyThresholdCount: 2 });
    const cluster = await serviceBehind(tg, 2);
    const done = await eventually(async () => {
      const s = await describeService(emu.ecs, cluster, 'web');
      return s.deployments?.[0]?.rolloutState === 'COMPLETED' && s;
    }, 40_000);
    const tasks = await runningTasksOf(emu.ecs, cluster, 'web');
    const ips = tasks.map(ipOf).sort();
    const described = await health(tg);
    expect(described.map((d) => d.Target!.Id).sort()).toEqual(ips);
    for (const d of described)
      expect(d).toMatchObject({ Target: { Port: 8080 }, HealthCheckPort: '8080', TargetHealth: { State: 'healthy' } });
    const messages = done.events!.map((e) => e.message!);
    expect(messages.some((m) => /^\(service web\) registered [12] targets in \(target-group /.test(m) && m.includes(tg))).toBe(true);
  });

  it('stops a task whose target fails its health checks, with ECS reason, and replaces it', { timeout: 60_000 }, async () => {
    const tg = await targetGroupBehindListener(emu.endpoint, {
      port: 8080,
      healthCheckIntervalSeconds: 5,
      healthyThresholdCount: 2,
      deregistrationDelay: 0,
    });
    const cluster = await serviceBehind(tg, 1);
    const [task] = await eventually(async () => {
      const t = await runningTasksOf(emu.ecs, cluster, 'web');
      return t.length === 1 && t[0]!.lastStatus === 'RUNNING' && ipOf(t[0]!) !== undefined && t;
    });
    failing.add(ipOf(task!)!);
    const stopped = await eventually(
      async () => {
        const { tasks } = await emu.ecs.send(new DescribeTasksCommand({ cluster, tasks: [task!.taskArn!] }));
        return tasks?.[0]?.lastStatus === 'STOPPED' && tasks[0];
      },
      40_000,
      'the unhealthy task to stop',
    );
    expect(stopped).toMatchObject({
      stopCode: 'ServiceSchedulerInitiated',
      stoppedReason: `Task failed ELB health checks in (target-group ${tg})`,
    });
    const svc = await eventually(async () => {
      const s = await describeService(emu.ecs, cluster, 'web');
      return s.runningCount === 1 && s;
    });
    const messages = svc.events!.map((e) => e.message!);
    expect(messages).toContain(
      `(service web) (task ${task!.taskArn!.split('/').pop()}) (port 8080) is unhealthy in (target-group ${tg}) due to (reason Health checks failed with these codes: [500]).`,
    );
  });

  it('keeps old tasks DEACTIVATING while their targets drain during a rolling deployment', { timeout: 60_000 }, async () => {
    const tg = await targetGroupBehindListener(emu.endpoint, {
      port: 8080,
      healthCheckIntervalSeconds: 5,
      healthyThresholdCount: 2,
      deregistrationDelay: 3,
    });
    const cluster = await serviceBehind(tg, 1);
    await eventually(async () => (await describeService(emu.ecs, cluster, 'web')).deployments?.[0]?.rolloutState === 'COMPLETED', 40_000);
    const [old] = await runningTasksOf(emu.ecs, cluster, 'web');
    await emu.ecs.send(new UpdateServiceCommand({ cluster, service: 'web', taskDefinition: `${family}:2` }));
    const deactivating = await eventually(
      async () => {
        const { tasks } = await emu.ecs.send(new DescribeTasksCommand({ cluster, tasks: [old!.taskArn!] }));
        return tasks?.[0]?.lastStatus === 'DEACTIVATING' && tasks[0];
      },
      40_000,
      'the old task to deactivate',
    );
    expect(deactivating.desiredStatus).toBe('STOPPED');
    const draining = (await health(tg)).find((d) => d.Target!.Id === ipOf(old!));
    expect(draining?.TargetHealth).toEqual({
      State: 'draining',
      Reason: 'Target.DeregistrationInProgress',
      Description: 'Target deregistration is in progress',
    });
    const stopped = await eventually(async () => {
      const { tasks } = await emu.ecs.send(new DescribeTasksCommand({ cluster, tasks: [old!.taskArn!] }));
      return tasks?.[0]?.lastStatus === 'STOPPED' && tasks[0];
    }, 20_000);
    // Not before the deregistration delay had passed.
    expect(stopped.stoppingAt!.getTime() - deactivating.stoppingAt!.getTime()).toBe(0);
    expect(stopped.stoppedAt!.getTime() - stopped.stoppingAt!.getTime()).toBeGreaterThanOrEqual(3000);
    const svc = await describeService(emu.ecs, cluster, 'web');
    expect(svc.events!.map((e) => e.message)).toContain(`(service web) deregistered 1 targets in (target-group ${tg})`);
    expect((await health(tg)).map((d) => d.Target!.Id)).not.toContain(ipOf(old!));
  });
});

describe('CreateService checks loadBalancers', () => {
  const create = (loadBalancers: object[], extra: Record<string, unknown> = {}) =>
    fargateCluster(emu.ecs, 'lbv').then((cluster) =>
      emu.ecs
        .send(
          new CreateServiceCommand({
            cluster,
            serviceName: 'web',
            taskDefinition: `${family}:1`,
            desiredCount: 1,
            launchType: 'FARGATE',
            networkConfiguration: network,
            loadBalancers,
            ...extra,
          }),
        )
        .then(
          () => {
            throw new Error('created');
          },
          (err: { name: string; message: string }) => err,
        ),
    );

  it('refuses unknown or unattached target groups, unknown containers and ports, and a role', async () => {
    const tg = await targetGroupBehindListener(emu.endpoint, { port: 8080 });
    const gone = `${tg.slice(0, -16)}0000000000000000`;
    expect(await create([{ targetGroupArn: gone, containerName: 'web', containerPort: 8080 }])).toMatchObject({
      name: 'InvalidParameterException',
      message:
        'Unable to assume role and validate the specified targetGroupArn. Please verify that the ECS service role being passed has the proper permissions.',
    });
    expect(await create([{ targetGroupArn: tg, containerName: 'api', containerPort: 8080 }])).toMatchObject({
      message: 'The container api does not exist in the task definition.',
    });
    expect(await create([{ targetGroupArn: tg, containerName: 'web', containerPort: 80 }])).toMatchObject({
      message: 'The container web did not have a container port 80 defined.',
    });
    expect(await create([{ targetGroupArn: tg, containerName: 'web', containerPort: 8080 }], { role: 'ecsServiceRole' })).toMatchObject({
      message: 'You cannot specify an IAM role for services that require a service linked role.',
    });
  });
});
