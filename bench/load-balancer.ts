// Benchmark: HTTP through a load balancer listener, beside the same load sent straight to the tasks, in one run.
// An in-process emulator on the real Docker engine runs a service of two busybox httpd tasks behind an
// application load balancer; CONCURRENCY keep-alive clients send GETs for DURATION_MS to the listener, then to
// the two task addresses in turn. Reports requests per second and p50/p99 latency of each, and the ratio.
import http from 'node:http';
import {
  CreateListenerCommand,
  CreateLoadBalancerCommand,
  CreateTargetGroupCommand,
  ElasticLoadBalancingV2Client,
} from '@aws-sdk/client-elastic-load-balancing-v2';
import {
  CreateClusterCommand,
  CreateServiceCommand,
  DescribeServicesCommand,
  ECSClient,
  RegisterTaskDefinitionCommand,
} from '@aws-sdk/client-ecs';
import { FargateLocalControl } from '../src/client/index.js';
import { testConfig } from '../src/config.js';
import { defaultVpc } from '../src/domain/network/vpc.js';
import { startEmulator } from '../src/main.js';
import { sweep } from '../test/docker/support/docker-harness.js';
import { summarize } from './stats.js';

const SCOPE = { accountId: '000000000000', region: 'us-east-1' };

export interface LoadResult {
  requests: number;
  errors: number;
  requestsPerSecond: number;
  p50Ms: number;
  p99Ms: number;
}

export interface LoadBalancerBenchResult {
  listener: LoadResult;
  direct: LoadResult;
  /** listener req/s ÷ direct req/s. */
  throughputRatio: number;
}

/** CONCURRENCY loops of keep-alive GETs for `durationMs`, each to the next of `urls`. */
async function load(urls: readonly string[], durationMs: number, concurrency: number): Promise<LoadResult> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: concurrency });
  const latencies: number[] = [];
  let errors = 0;
  let next = 0;
  const until = performance.now() + durationMs;
  const one = (url: string) =>
    new Promise<boolean>((resolve) => {
      http
        .get(url, { agent }, (res) => {
          res.resume();
          res.on('end', () => resolve(res.statusCode === 200));
        })
        .on('error', () => resolve(false));
    });
  const started = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (performance.now() < until) {
        const t0 = performance.now();
        const ok = await one(urls[next++ % urls.length]!);
        if (ok) latencies.push(performance.now() - t0);
        else errors += 1;
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  agent.destroy();
  const s = summarize(latencies);
  const p99 = [...latencies].sort((a, b) => a - b)[Math.max(0, Math.ceil(latencies.length * 0.99) - 1)] ?? NaN;
  const round = (x: number) => Math.round(x * 100) / 100;
  return {
    requests: latencies.length,
    errors,
    requestsPerSecond: Math.round(latencies.length / seconds),
    p50Ms: round(s.p50),
    p99Ms: round(p99),
  };
}

export async function benchLoadBalancer(options: {
  image: string;
  durationMs?: number;
  concurrency?: number;
}): Promise<LoadBalancerBenchResult> {
  const instanceId = `bench-elb-${Date.now().toString(36)}`;
  const emu = await startEmulator(testConfig({ instanceId, logLevel: 'silent' }));
  const clientOptions = {
    endpoint: emu.endpoint,
    region: SCOPE.region,
    credentials: { accessKeyId: 'bench', secretAccessKey: 'bench' },
    maxAttempts: 1,
  };
  const ecs = new ECSClient(clientOptions);
  const elb = new ElasticLoadBalancingV2Client(clientOptions);
  try {
    const subnets = defaultVpc(SCOPE, 0)
      .subnets.map((s) => s.subnetId)
      .slice(0, 2);
    const lb = (await elb.send(new CreateLoadBalancerCommand({ Name: 'bench', Subnets: subnets }))).LoadBalancers![0]!;
    const tg = (
      await elb.send(
        new CreateTargetGroupCommand({
          Name: 'bench',
          TargetType: 'ip',
          Protocol: 'HTTP',
          Port: 8080,
          VpcId: lb.VpcId,
          HealthCheckIntervalSeconds: 5,
          HealthCheckTimeoutSeconds: 2,
          HealthyThresholdCount: 2,
        }),
      )
    ).TargetGroups![0]!;
    const { Listeners } = await elb.send(
      new CreateListenerCommand({
        LoadBalancerArn: lb.LoadBalancerArn,
        Port: 8080,
        DefaultActions: [{ Type: 'forward', TargetGroupArn: tg.TargetGroupArn }],
      }),
    );
    await ecs.send(new CreateClusterCommand({ clusterName: 'bench-elb' }));
    const { taskDefinition } = await ecs.send(
      new RegisterTaskDefinitionCommand({
        family: 'bench-elb',
        requiresCompatibilities: ['FARGATE'],
        networkMode: 'awsvpc',
        cpu: '256',
        memory: '512',
        containerDefinitions: [
          {
            name: 'web',
            image: options.image,
            essential: true,
            portMappings: [{ containerPort: 8080 }],
            command: ['sh', '-c', 'echo hello > /www/index.html; exec httpd -f -p 8080 -h /www'],
          },
        ],
      }),
    );
    await ecs.send(
      new CreateServiceCommand({
        cluster: 'bench-elb',
        serviceName: 'web',
        taskDefinition: taskDefinition!.taskDefinitionArn,
        desiredCount: 2,
        launchType: 'FARGATE',
        networkConfiguration: { awsvpcConfiguration: { subnets } },
        loadBalancers: [{ targetGroupArn: tg.TargetGroupArn, containerName: 'web', containerPort: 8080 }],
      }),
    );
    const deadline = Date.now() + 120_000;
    for (;;) {
      const svc = (await ecs.send(new DescribeServicesCommand({ cluster: 'bench-elb', services: ['web'] }))).services![0]!;
      if (svc.deployments?.[0]?.rolloutState === 'COMPLETED') break;
      if (Date.now() > deadline) throw new Error('the service behind the load balancer did not become healthy');
      await new Promise((r) => setTimeout(r, 500));
    }
    const served = (await new FargateLocalControl(emu.endpoint).loadBalancers()).find((l) => l.listenerArn === Listeners![0]!.ListenerArn)!;
    const ips = emu.deps.store.read(SCOPE, (s) => s.targetGroups[tg.TargetGroupArn!]!.targets.map((t) => `http://${t.id}:${t.port}/`));
    const durationMs = options.durationMs ?? 10_000;
    const concurrency = options.concurrency ?? 16;
    await load(ips, 1000, concurrency); // warm-up
    const listener = await load([`http://${served.address}:${served.hostPort}/`], durationMs, concurrency);
    const direct = await load(ips, durationMs, concurrency);
    return { listener, direct, throughputRatio: Math.round((listener.requestsPerSecond / direct.requestsPerSecond) * 100) / 100 };
  } finally {
    ecs.destroy();
    elb.destroy();
    await emu.close();
    await sweep(instanceId);
  }
}
