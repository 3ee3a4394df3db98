// ECS-native blue/green and canary deployments on real containers, with steady HTTP traffic through the
// production listener: the split moves from blue to green as the production rule's weights change, blue keeps
// running through the bake time and stops only after it, and a rollback puts all traffic back on blue. No request
// fails (the busybox app finishes in-flight requests on SIGTERM; targets drain before their task stops).
// --deployment-time-scale 0.05: a minute of the deployment configuration lasts 3 s.
import {
  CreateListenerCommand,
  CreateLoadBalancerCommand,
  CreateTargetGroupCommand,
  DescribeRulesCommand,
  ElasticLoadBalancingV2Client,
  ModifyTargetGroupAttributesCommand,
} from '@aws-sdk/client-elastic-load-balancing-v2';
import {
  CreateClusterCommand,
  CreateServiceCommand,
  DescribeServiceDeploymentsCommand,
  DescribeServicesCommand,
  type DeploymentConfiguration,
  ListServiceDeploymentsCommand,
  type ServiceDeployment,
  StopServiceDeploymentCommand,
  UpdateServiceCommand,
} from '@aws-sdk/client-ecs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { get, WEB_APP, WEB_SUBNETS } from './support/web-service.js';
import { eventually, runningTasksOf } from '../support/services.js';
import { registerBusybox, SCOPE, startDockerEmulator, type DockerEmulator } from './support/docker-emulator.js';

let d: DockerEmulator;
let elb: ElasticLoadBalancingV2Client;
let revisions: string[];
beforeAll(async () => {
  d = await startDockerEmulator('bg', { deploymentTimeScale: 0.05 });
  elb = new ElasticLoadBalancingV2Client({
    endpoint: d.emu.endpoint,
    region: SCOPE.region,
    credentials: { accessKeyId: 'AKIDTEST', secretAccessKey: 'test' },
    maxAttempts: 1,
  });
  revisions = [];
  for (const r of ['blue', 'green'])
    revisions.push(await registerBusybox(d.ecs, 'web', WEB_APP(r), { portMappings: [{ containerPort: 8080, protocol: 'tcp' }] }));
}, 120_000);
afterAll(async () => {
  elb?.destroy();
  await d?.close();
});

let count = 0;
/** A load balancer with two target groups (blue, green), a production listener and a test listener, both on blue. */
async function loadBalancer() {
  const name = `${d.instanceId}-${++count}`.slice(-26).replace(/^-+/, '');
  const lb = (await elb.send(new CreateLoadBalancerCommand({ Name: name, Subnets: WEB_SUBNETS }))).LoadBalancers![0]!;
  const group = async (suffix: string) => {
    const tg = (
      await elb.send(
        new CreateTargetGroupCommand({
          Name: `${name}-${suffix}`,
          TargetType: 'ip',
          Protocol: 'HTTP',
          Port: 8080,
          VpcId: lb.VpcId,
          HealthCheckPath: '/health',
          HealthCheckIntervalSeconds: 5,
          HealthCheckTimeoutSeconds: 2,
          HealthyThresholdCount: 2,
        }),
      )
    ).TargetGroups![0]!.TargetGroupArn!;
    await elb.send(
      new ModifyTargetGroupAttributesCommand({
        TargetGroupArn: tg,
        Attributes: [{ Key: 'deregistration_delay.timeout_seconds', Value: '2' }],
      }),
    );
    return tg;
  };
  const blue = await group('b');
  const green = await group('g');
  const listener = async (port: number) => {
    const { Listeners } = await elb.send(
      new CreateListenerCommand({
        LoadBalancerArn: lb.LoadBalancerArn,
        Port: port,
        // Both target groups in the rule, green at weight 0, as ECS blue/green asks of the listener rules.
        DefaultActions: [
          {
            Type: 'forward',
            ForwardConfig: {
              TargetGroups: [
                { TargetGroupArn: blue, Weight: 100 },
                { TargetGroupArn: green, Weight: 0 },
              ],
            },
          },
        ],
      }),
    );
    const listenerArn = Listeners![0]!.ListenerArn!;
    const rule = (await elb.send(new DescribeRulesCommand({ ListenerArn: listenerArn }))).Rules!.find((r) => r.IsDefault)!.RuleArn!;
    const served = (await d.control.loadBalancers()).find((l) => l.listenerArn === listenerArn)!;
    return { listenerArn, rule, base: `http://${served.address}:${served.hostPort}` };
  };
  return { blue, green, production: await listener(80), test: await listener(81) };
}

/** Requests one after another (two clients) until stopped; keeps which revision answered, in order. */
function steadyTraffic(url: string) {
  const answers: string[] = [];
  let failed = 0;
  let running = true;
  const loop = async () => {
    while (running) {
      const r = await get(url);
      if (r.status === 200) answers.push(r.body.split(' ')[0]!);
      else failed += 1;
    }
  };
  const loops = [loop(), loop()];
  return {
    /** The revisions of the last `n` answers. */
    last: (n: number) => answers.slice(-n),
    total: () => answers.length + failed,
    async stop() {
      running = false;
      await Promise.all(loops);
      return {
        total: answers.length + failed,
        failed,
        blue: answers.filter((a) => a === 'blue').length,
        green: answers.filter((a) => a === 'green').length,
      };
    },
  };
}

async function service(cluster: string, lb: Awaited<ReturnType<typeof loadBalancer>>, deploymentConfiguration: DeploymentConfiguration) {
  await d.ecs.send(new CreateClusterCommand({ clusterName: cluster }));
  await d.ecs.send(
    new CreateServiceCommand({
      cluster,
      serviceName: 'web',
      taskDefinition: revisions[0],
      desiredCount: 1,
      launchType: 'FARGATE',
      networkConfiguration: { awsvpcConfiguration: { subnets: WEB_SUBNETS } },
      healthCheckGracePeriodSeconds: 0,
      deploymentConfiguration,
      loadBalancers: [
        {
          targetGroupArn: lb.blue,
          containerName: 'app',
          containerPort: 8080,
          advancedConfiguration: {
            alternateTargetGroupArn: lb.green,
            productionListenerRule: lb.production.rule,
            testListenerRule: lb.test.rule,
            roleArn: 'arn:aws:iam::000000000000:role/ecs-infrastructure',
          },
        },
      ],
    }),
  );
  await eventually(
    async () => {
      const s = (await d.ecs.send(new DescribeServicesCommand({ cluster, services: ['web'] }))).services![0]!;
      return s.deployments?.length === 1 && s.deployments[0]!.rolloutState === 'COMPLETED' && s.runningCount === 1;
    },
    90_000,
    'the first deployment',
  );
}

async function latestDeployment(cluster: string): Promise<ServiceDeployment> {
  const list = await d.ecs.send(new ListServiceDeploymentsCommand({ cluster, service: 'web' }));
  const arn = list.serviceDeployments![0]!.serviceDeploymentArn!;
  return (await d.ecs.send(new DescribeServiceDeploymentsCommand({ serviceDeploymentArns: [arn] }))).serviceDeployments![0]!;
}

const revisionsRunning = async (cluster: string) =>
  (await runningTasksOf(d.ecs, cluster, 'web'))
    .filter((t) => t.lastStatus === 'RUNNING')
    .map((t) => (t.taskDefinitionArn === revisions[0] ? 'blue' : 'green'))
    .sort();

describe.sequential('blue/green deployments under traffic', () => {
  it('BLUE_GREEN: test listener first, then all production traffic to green; blue stops only after the bake time', {
    timeout: 150_000,
  }, async () => {
    const lb = await loadBalancer();
    await service('bg-all', lb, { strategy: 'BLUE_GREEN', bakeTimeInMinutes: 3 });
    const traffic = steadyTraffic(`${lb.production.base}/`);
    await d.ecs.send(new UpdateServiceCommand({ cluster: 'bg-all', service: 'web', taskDefinition: revisions[1] }));
    // The test listener reaches green before production does.
    await eventually(async () => (await get(`${lb.test.base}/`)).body.startsWith('green'), 90_000, 'green on the test listener');
    await eventually(async () => (await latestDeployment('bg-all')).lifecycleStage === 'BAKE_TIME', 60_000, 'the bake time');
    // While the deployment bakes, production goes to green and blue still runs.
    await eventually(async () => (await get(`${lb.production.base}/`)).body.startsWith('green'));
    expect(await revisionsRunning('bg-all')).toEqual(['blue', 'green']);
    await eventually(async () => (await latestDeployment('bg-all')).status === 'SUCCESSFUL', 60_000, 'the deployment to succeed');
    await eventually(async () => (await revisionsRunning('bg-all')).join() === 'green', 30_000, 'blue stopped');
    const seen = traffic.total();
    await eventually(async () => traffic.total() > seen + 20);
    expect(traffic.last(20).every((r) => r === 'green')).toBe(true);
    const result = await traffic.stop();
    console.info('BLUE_GREEN under traffic', result);
    expect(result.failed).toBe(0);
    expect(result.blue).toBeGreaterThan(0);
    expect(result.green).toBeGreaterThan(0);
  });

  it('CANARY: a share of production on green during the canary bake; a rollback puts all traffic back on blue', {
    timeout: 150_000,
  }, async () => {
    const lb = await loadBalancer();
    await service('bg-canary', lb, { strategy: 'CANARY', canaryConfiguration: { canaryPercent: 50, canaryBakeTimeInMinutes: 1440 } });
    const traffic = steadyTraffic(`${lb.production.base}/`);
    await d.ecs.send(new UpdateServiceCommand({ cluster: 'bg-canary', service: 'web', taskDefinition: revisions[1] }));
    await eventually(
      async () => (await latestDeployment('bg-canary')).lifecycleStage === 'PRODUCTION_TRAFFIC_SHIFT',
      90_000,
      'the canary step',
    );
    // The split: both revisions answer production traffic while the canary bakes.
    const start = traffic.total();
    await eventually(async () => traffic.total() > start + 60, 30_000, 'requests during the canary');
    const split = traffic.last(60);
    expect(split.filter((r) => r === 'green').length).toBeGreaterThan(10);
    expect(split.filter((r) => r === 'blue').length).toBeGreaterThan(10);

    const deployment = await latestDeployment('bg-canary');
    await d.ecs.send(new StopServiceDeploymentCommand({ serviceDeploymentArn: deployment.serviceDeploymentArn, stopType: 'ROLLBACK' }));
    await eventually(async () => (await latestDeployment('bg-canary')).status === 'ROLLBACK_SUCCESSFUL', 60_000, 'the rollback');
    await eventually(async () => (await revisionsRunning('bg-canary')).join() === 'blue', 30_000, 'green stopped');
    const after = traffic.total();
    await eventually(async () => traffic.total() > after + 20);
    expect(traffic.last(20).every((r) => r === 'blue')).toBe(true);
    const result = await traffic.stop();
    console.info('CANARY and rollback under traffic', result);
    expect(result.failed).toBe(0);
  });
});
