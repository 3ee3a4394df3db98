// A CodeDeploy SDK client for a test emulator (same port as ECS), and an AppSpec for an ECS deployment.
import { CodeDeployClient } from '@aws-sdk/client-codedeploy';
import {
  CreateListenerCommand,
  CreateLoadBalancerCommand,
  CreateTargetGroupCommand,
  DescribeListenersCommand,
  ModifyTargetGroupAttributesCommand,
} from '@aws-sdk/client-elastic-load-balancing-v2';
import { defaultNetwork, elbv2Client } from './elbv2.js';

export function codeDeployClient(endpoint: string, options: { accountId?: string; region?: string } = {}): CodeDeployClient {
  return new CodeDeployClient({
    endpoint,
    region: options.region ?? 'us-east-1',
    credentials: { accessKeyId: options.accountId ?? 'AKIDTEST', secretAccessKey: 'test' },
    maxAttempts: 1,
  });
}

export function ecsAppSpec(taskDefinition: string, container: string, port: number, hooks: Record<string, string> = {}): string {
  const hookLines = Object.entries(hooks).map(([event, fn]) => `  - ${event}: "${fn}"`);
  return [
    'version: 0.0',
    'Resources:',
    '  - TargetService:',
    '      Type: AWS::ECS::Service',
    '      Properties:',
    `        TaskDefinition: "${taskDefinition}"`,
    '        LoadBalancerInfo:',
    `          ContainerName: "${container}"`,
    `          ContainerPort: ${port}`,
    ...(hookLines.length ? ['Hooks:', ...hookLines] : []),
    '',
  ].join('\n');
}

export interface BlueGreenInfrastructure {
  loadBalancerArn: string;
  /** Target groups by name: blue serves first, green receives the replacement. */
  blue: { name: string; arn: string };
  green: { name: string; arn: string };
  prodListenerArn: string;
  testListenerArn: string;
  prodPort: number;
  testPort: number;
}

let infraCount = 0;
/**
 * A load balancer in the default VPC with two IP target groups, a production listener forwarding to the blue one
 * and a test listener forwarding to the green one (as CDK and the AWS guides set them up): what a CodeDeploy ECS
 * deployment group names.
 */
export async function blueGreenInfrastructure(
  endpoint: string,
  options: {
    containerPort: number;
    prodPort: number;
    testPort: number;
    healthCheckIntervalSeconds?: number;
    healthyThresholdCount?: number;
  },
): Promise<BlueGreenInfrastructure> {
  const elb = elbv2Client(endpoint);
  try {
    const net = await defaultNetwork(endpoint);
    infraCount += 1;
    const base = `cd${process.pid}-${Date.now().toString(36)}-${infraCount}`.slice(0, 26);
    const { LoadBalancers } = await elb.send(new CreateLoadBalancerCommand({ Name: base, Subnets: net.subnets.slice(0, 2) }));
    const loadBalancerArn = LoadBalancers![0]!.LoadBalancerArn!;
    const group = async (suffix: string) => {
      const name = `${base}-${suffix}`;
      const { TargetGroups } = await elb.send(
        new CreateTargetGroupCommand({
          Name: name,
          TargetType: 'ip',
          Protocol: 'HTTP',
          Port: options.containerPort,
          VpcId: net.vpcId,
          HealthCheckIntervalSeconds: options.healthCheckIntervalSeconds,
          HealthCheckTimeoutSeconds: options.healthCheckIntervalSeconds ? Math.min(5, options.healthCheckIntervalSeconds - 1) : undefined,
          HealthyThresholdCount: options.healthyThresholdCount,
        }),
      );
      const arn = TargetGroups![0]!.TargetGroupArn!;
      await elb.send(
        new ModifyTargetGroupAttributesCommand({
          TargetGroupArn: arn,
          Attributes: [{ Key: 'deregistration_delay.timeout_seconds', Value: '0' }],
        }),
      );
      return { name, arn };
    };
    const blue = await group('b');
    const green = await group('g');
    const listener = async (port: number, tg: string) =>
      (
        await elb.send(
          new CreateListenerCommand({
            LoadBalancerArn: loadBalancerArn,
            Port: port,
            Protocol: 'HTTP',
            DefaultActions: [{ Type: 'forward', TargetGroupArn: tg }],
          }),
        )
      ).Listeners![0]!.ListenerArn!;
    return {
      loadBalancerArn,
      blue,
      green,
      prodListenerArn: await listener(options.prodPort, blue.arn),
      testListenerArn: await listener(options.testPort, green.arn),
      prodPort: options.prodPort,
      testPort: options.testPort,
    };
  } finally {
    elb.destroy();
  }
}

/** The target groups a listener forwards to, with their weights (by ARN). */
export async function listenerWeights(endpoint: string, listenerArn: string): Promise<Record<string, number>> {
  const elb = elbv2Client(endpoint);
  try {
    const { Listeners } = await elb.send(new DescribeListenersCommand({ ListenerArns: [listenerArn] }));
    const forward = Listeners![0]!.DefaultActions!.find((a) => a.Type === 'forward')!;
    const groups = forward.ForwardConfig?.TargetGroups ?? [{ TargetGroupArn: forward.TargetGroupArn, Weight: 1 }];
    return Object.fromEntries(groups.map((g) => [g.TargetGroupArn!, g.Weight ?? 1]));
  } finally {
    elb.destroy();
  }
}
