// A load balancer set up for an ECS blue/green service: two IP target groups (blue, green), a production listener
// whose default rule forwards to blue, and a test listener whose default rule forwards to blue too; and reading a
// rule's weights back through DescribeRules, as a user watching the split would.
import {
  CreateListenerCommand,
  CreateLoadBalancerCommand,
  CreateTargetGroupCommand,
  DescribeRulesCommand,
  ModifyTargetGroupAttributesCommand,
  type ElasticLoadBalancingV2Client,
} from '@aws-sdk/client-elastic-load-balancing-v2';
import { defaultNetwork } from './elbv2.js';

export interface BlueGreenLoadBalancer {
  loadBalancerArn: string;
  blue: string;
  green: string;
  productionListener: string;
  productionRule: string;
  testListener: string;
  testRule: string;
  productionPort: number;
  testPort: number;
}

let made = 0;
export async function blueGreenLoadBalancer(
  elb: ElasticLoadBalancingV2Client,
  endpoint: string,
  options: {
    port: number;
    productionPort: number;
    testPort: number;
    healthCheckIntervalSeconds?: number;
    deregistrationDelay?: number;
    blueOnly?: boolean;
  },
): Promise<BlueGreenLoadBalancer> {
  const net = await defaultNetwork(endpoint);
  made += 1;
  const name = `bg${process.pid}-${Date.now().toString(36)}-${made}`.slice(0, 28);
  const { LoadBalancers } = await elb.send(new CreateLoadBalancerCommand({ Name: name, Subnets: net.subnets.slice(0, 2) }));
  const loadBalancerArn = LoadBalancers![0]!.LoadBalancerArn!;
  const group = async (suffix: string) => {
    const { TargetGroups } = await elb.send(
      new CreateTargetGroupCommand({
        Name: `${name}-${suffix}`,
        TargetType: 'ip',
        Protocol: 'HTTP',
        Port: options.port,
        VpcId: net.vpcId,
        HealthCheckIntervalSeconds: options.healthCheckIntervalSeconds ?? 5,
        HealthCheckTimeoutSeconds: Math.min(4, (options.healthCheckIntervalSeconds ?? 5) - 1),
        HealthyThresholdCount: 2,
      }),
    );
    const arn = TargetGroups![0]!.TargetGroupArn!;
    await elb.send(
      new ModifyTargetGroupAttributesCommand({
        TargetGroupArn: arn,
        Attributes: [{ Key: 'deregistration_delay.timeout_seconds', Value: String(options.deregistrationDelay ?? 0) }],
      }),
    );
    return arn;
  };
  const blue = await group('b');
  const green = await group('g');
  const listener = async (port: number) => {
    const { Listeners } = await elb.send(
      new CreateListenerCommand({
        LoadBalancerArn: loadBalancerArn,
        Port: port,
        Protocol: 'HTTP',
        DefaultActions: [
          options.blueOnly
            ? { Type: 'forward', TargetGroupArn: blue }
            : {
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
    const { Rules } = await elb.send(new DescribeRulesCommand({ ListenerArn: listenerArn }));
    return { listenerArn, ruleArn: Rules!.find((r) => r.IsDefault)!.RuleArn! };
  };
  const production = await listener(options.productionPort);
  const test = await listener(options.testPort);
  return {
    loadBalancerArn,
    blue,
    green,
    productionListener: production.listenerArn,
    productionRule: production.ruleArn,
    testListener: test.listenerArn,
    testRule: test.ruleArn,
    productionPort: options.productionPort,
    testPort: options.testPort,
  };
}

/** The weights of a listener's default rule, by target group ARN. */
export async function ruleWeights(elb: ElasticLoadBalancingV2Client, listenerArn: string): Promise<Record<string, number>> {
  const { Rules } = await elb.send(new DescribeRulesCommand({ ListenerArn: listenerArn }));
  const rule = Rules!.find((r) => r.IsDefault)!;
  const groups = rule.Actions?.[0]?.ForwardConfig?.TargetGroups ?? [];
  return Object.fromEntries(groups.map((g) => [g.TargetGroupArn!, g.Weight ?? 1]));
}
