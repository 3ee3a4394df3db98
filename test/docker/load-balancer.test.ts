// A web service behind an application load balancer on real containers: traffic through the listener reaches
// every task; a task that fails its health checks is replaced; a rolling deployment and a Spot interruption under
// steady traffic lose no request (AWS loses none either when the app finishes in-flight requests on SIGTERM:
// ECS deregisters the task and waits for the deregistration delay before stopping it, and a Spot task is
// deregistered when the interruption warning comes).
import {
  CreateListenerCommand,
  CreateLoadBalancerCommand,
  CreateTargetGroupCommand,
  ElasticLoadBalancingV2Client,
  ModifyTargetGroupAttributesCommand,
} from '@aws-sdk/client-elastic-load-balancing-v2';
import {
  CreateClusterCommand,
  CreateServiceCommand,
  DescribeServicesCommand,
  DescribeTasksCommand,
  UpdateServiceCommand,
} from '@aws-sdk/client-ecs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { get, WEB_APP, WEB_SUBNETS } from './support/web-service.js';
import { eventually, runningTasksOf } from '../support/services.js';
import { exec } from './support/docker-harness.js';
import { dockerContainerOf, registerBusybox, SCOPE, startDockerEmulator, type DockerEmulator } from './support/docker-emulator.js';

let d: DockerEmulator;
let elb: ElasticLoadBalancingV2Client;
let revisions: string[];
beforeAll(async () => {
  d = await startDockerEmulator('elb');
  elb = new ElasticLoadBalancingV2Client({
    endpoint: d.emu.endpoint,
    region: SCOPE.region,
    credentials: { accessKeyId: 'AKIDTEST', secretAccessKey: 'test' },
    maxAttempts: 1,
  });
  revisions = [];
  for (const r of ['one', 'two'])
    revisions.push(await registerBusybox(d.ecs, 'web', WEB_APP(r), { portMappings: [{ containerPort: 8080, protocol: 'tcp' }] }));
});
afterAll(async () => {
  elb?.destroy();
  await d?.close();
});

let count = 0;
/** A load balancer, a target group (fast health checks, 3 s deregistration delay) and a listener; returns the URL and group. */
async function loadBalancer(): Promise<{ base: string; targetGroupArn: string; vpcId: string }> {
  const name = `${d.instanceId}-${++count}`.slice(-28).replace(/^-+/, '');
  const lb = (await elb.send(new CreateLoadBalancerCommand({ Name: name, Subnets: WEB_SUBNETS }))).LoadBalancers![0]!;
  const tg = (
    await elb.send(
      new CreateTargetGroupCommand({
        Name: name,
        TargetType: 'ip',
        Protocol: 'HTTP',
        Port: 8080,
        VpcId: lb.VpcId,
        HealthCheckPath: '/health',
        HealthCheckIntervalSeconds: 5,
        HealthCheckTimeoutSeconds: 2,
        HealthyThresholdCount: 2,
        UnhealthyThresholdCount: 2,
      }),
    )
  ).TargetGroups![0]!;
  await elb.send(
    new ModifyTargetGroupAttributesCommand({
      TargetGroupArn: tg.TargetGroupArn,
      Attributes: [{ Key: 'deregistration_delay.timeout_seconds', Value: '3' }],
    }),
  );
  const { Listeners } = await elb.send(
    new CreateListenerCommand({
      LoadBalancerArn: lb.LoadBalancerArn,
      Port: 80,
      DefaultActions: [{ Type: 'forward', TargetGroupArn: tg.TargetGroupArn }],
    }),
  );
  const served = (await d.control.loadBalancers()).find((l) => l.listenerArn === Listeners![0]!.ListenerArn)!;
  return { base: `http://${served.address}:${served.hostPort}`, targetGroupArn: tg.TargetGroupArn!, vpcId: lb.VpcId! };
}

/** Sends requests one after another (plus a second client in parallel) until stopped; counts the answers. */
function steadyTraffic(url: string) {
  const statuses = new Map<number, number>();
  const bodies = new Set<string>();
  let running = true;
  const loop = async () => {
    while (running) {
      const r = await get(url);
      statuses.set(r.status, (statuses.get(r.status) ?? 0) + 1);
      if (r.status === 200) bodies.add(r.body.split(' ')[0]!);
    }
  };
  const loops = [loop(), loop()];
  return {
    async stop() {
      running = false;
      await Promise.all(loops);
      const total = [...statuses.values()].reduce((a, b) => a + b, 0);
      const failed = [...statuses].filter(([s]) => s < 200 || s > 299).reduce((n, [, c]) => n + c, 0);
      return { total, failed, statuses: Object.fromEntries(statuses), revisions: [...bodies] };
    },
  };
}

async function service(cluster: string, targetGroupArn: string, desiredCount: number, extra: Record<string, unknown> = {}) {
  await d.ecs.send(
    new CreateServiceCommand({
      cluster,
      serviceName: 'web',
      taskDefinition: revisions[0],
      desiredCount,
      networkConfiguration: { awsvpcConfiguration: { subnets: WEB_SUBNETS } },
      loadBalancers: [{ targetGroupArn, containerName: 'app', containerPort: 8080 }],
      healthCheckGracePeriodSeconds: 0,
      ...extra,
    }),
  );
}

const describeService = async (cluster: string) =>
  (await d.ecs.send(new DescribeServicesCommand({ cluster, services: ['web'] }))).services![0]!;
const completed = (cluster: string, timeoutMs = 90_000) =>
  eventually(
    async () => {
      const s = await describeService(cluster);
      return s.deployments?.length === 1 && s.deployments[0]!.rolloutState === 'COMPLETED' && s.runningCount === s.desiredCount && s;
    },
    timeoutMs,
    'the deployment to complete',
  );

describe.sequential('a web service behind a load balancer', () => {
  it('spreads traffic through the listener over every task, then rolls out a new revision losing no request', {
    timeout: 240_000,
  }, async () => {
    const lb = await loadBalancer();
    await d.ecs.send(new CreateClusterCommand({ clusterName: 'elb-rolling' }));
    await service('elb-rolling', lb.targetGroupArn, 2, { launchType: 'FARGATE' });
    await completed('elb-rolling');

    const hosts = new Set<string>();
    for (let i = 0; i < 20; i++) {
      const r = await get(`${lb.base}/`);
      expect(r.status).toBe(200);
      hosts.add(r.body);
    }
    const tasks = await runningTasksOf(d.ecs, 'elb-rolling', 'web');
    expect(hosts.size).toBe(tasks.length);

    const traffic = steadyTraffic(`${lb.base}/`);
    await d.ecs.send(new UpdateServiceCommand({ cluster: 'elb-rolling', service: 'web', taskDefinition: revisions[1] }));
    await completed('elb-rolling', 180_000);
    await eventually(async () => (await get(`${lb.base}/`)).body.startsWith('two'));
    const result = await traffic.stop();
    console.info('rolling deployment under traffic', result);
    expect(result.failed).toBe(0);
    expect(result.revisions.sort()).toEqual(['one', 'two']);
  });

  it('replaces a task that fails its health checks, with ECS reason', { timeout: 300_000 }, async () => {
    const lb = await loadBalancer();
    await d.ecs.send(new CreateClusterCommand({ clusterName: 'elb-unhealthy' }));
    await service('elb-unhealthy', lb.targetGroupArn, 2, { launchType: 'FARGATE' });
    await completed('elb-unhealthy');
    const [victim] = await runningTasksOf(d.ecs, 'elb-unhealthy', 'web');
    const container = await dockerContainerOf(victim!.taskArn!);
    await exec(container.id, ['rm', '/www/health']);
    const stopped = await eventually(
      async () => {
        const { tasks } = await d.ecs.send(new DescribeTasksCommand({ cluster: 'elb-unhealthy', tasks: [victim!.taskArn!] }));
        return tasks?.[0]?.lastStatus === 'STOPPED' && tasks[0];
      },
      150_000,
      'the unhealthy task to stop',
    );
    expect(stopped.stoppedReason).toBe(`Task failed ELB health checks in (target-group ${lb.targetGroupArn})`);
    await completed('elb-unhealthy');
    const events = (await describeService('elb-unhealthy')).events!.map((e) => e.message!);
    expect(
      events.some((m) => m.includes('is unhealthy in (target-group') && m.includes('Health checks failed with these codes: [404]')),
    ).toBe(true);
  });

  it('drains a Spot task on interruption, losing no request under steady traffic', { timeout: 180_000 }, async () => {
    const lb = await loadBalancer();
    await d.ecs.send(new CreateClusterCommand({ clusterName: 'elb-spot', capacityProviders: ['FARGATE', 'FARGATE_SPOT'] }));
    await service('elb-spot', lb.targetGroupArn, 2, { capacityProviderStrategy: [{ capacityProvider: 'FARGATE_SPOT', weight: 1 }] });
    await completed('elb-spot');
    const [victim] = await runningTasksOf(d.ecs, 'elb-spot', 'web');
    const traffic = steadyTraffic(`${lb.base}/`);
    await new Promise((r) => setTimeout(r, 500));
    await d.control.interruptSpot({ cluster: 'elb-spot', task: victim!.taskArn! });
    await eventually(
      async () => {
        const { tasks } = await d.ecs.send(new DescribeTasksCommand({ cluster: 'elb-spot', tasks: [victim!.taskArn!] }));
        return tasks?.[0]?.lastStatus === 'STOPPED';
      },
      60_000,
      'the interrupted task to stop',
    );
    await completed('elb-spot');
    const result = await traffic.stop();
    console.info('Spot interruption under traffic', result);
    expect(result.failed).toBe(0);
    const events = (await describeService('elb-spot')).events!.map((e) => e.message!);
    expect(events).toContain(`(service web) deregistered 1 targets in (target-group ${lb.targetGroupArn})`);
  });
});
