// An ELBv2 SDK client for a test emulator (same port as ECS), and the default VPC's subnets to put load balancers in.
import { DescribeSubnetsCommand, DescribeVpcsCommand } from '@aws-sdk/client-ec2';
import {
  CreateListenerCommand,
  CreateLoadBalancerCommand,
  CreateTargetGroupCommand,
  ElasticLoadBalancingV2Client,
  ModifyTargetGroupAttributesCommand,
} from '@aws-sdk/client-elastic-load-balancing-v2';
import { ec2Client } from './ec2.js';

export function elbv2Client(endpoint: string, options: { accountId?: string; region?: string } = {}): ElasticLoadBalancingV2Client {
  return new ElasticLoadBalancingV2Client({
    endpoint,
    region: options.region ?? 'us-east-1',
    credentials: { accessKeyId: options.accountId ?? 'AKIDTEST', secretAccessKey: 'test' },
    maxAttempts: 1,
  });
}

/** The default VPC's id and its subnets (one per zone), as a web service would be given them. */
export async function defaultNetwork(endpoint: string): Promise<{ vpcId: string; subnets: string[]; securityGroup?: string }> {
  const ec2 = ec2Client(endpoint);
  try {
    const { Vpcs } = await ec2.send(new DescribeVpcsCommand({ Filters: [{ Name: 'is-default', Values: ['true'] }] }));
    const vpcId = Vpcs![0]!.VpcId!;
    const { Subnets } = await ec2.send(new DescribeSubnetsCommand({ Filters: [{ Name: 'vpc-id', Values: [vpcId] }] }));
    return { vpcId, subnets: Subnets!.map((s) => s.SubnetId!).sort() };
  } finally {
    ec2.destroy();
  }
}

let listenerPorts = 0;
/**
 * An IP target group in the default VPC, forwarded to by a new internet-facing load balancer's listener (so ECS
 * accepts it for a service). Returns its ARN.
 */
export async function targetGroupBehindListener(
  endpoint: string,
  options: {
    port: number;
    healthCheckIntervalSeconds?: number;
    healthyThresholdCount?: number;
    listenerPort?: number;
    deregistrationDelay?: number;
  },
): Promise<string> {
  const elb = elbv2Client(endpoint);
  try {
    const net = await defaultNetwork(endpoint);
    const name = `t${process.pid}-${Date.now().toString(36)}-${(listenerPorts += 1)}`.slice(0, 32);
    const { LoadBalancers } = await elb.send(new CreateLoadBalancerCommand({ Name: name, Subnets: net.subnets.slice(0, 2) }));
    const { TargetGroups } = await elb.send(
      new CreateTargetGroupCommand({
        Name: name,
        TargetType: 'ip',
        Protocol: 'HTTP',
        Port: options.port,
        VpcId: net.vpcId,
        HealthCheckIntervalSeconds: options.healthCheckIntervalSeconds,
        HealthCheckTimeoutSeconds: options.healthCheckIntervalSeconds ? Math.min(5, options.healthCheckIntervalSeconds - 1) : undefined,
        HealthyThresholdCount: options.healthyThresholdCount,
      }),
    );
    const arn = TargetGroups![0]!.TargetGroupArn!;
    if (options.deregistrationDelay !== undefined)
      await elb.send(
        new ModifyTargetGroupAttributesCommand({
          TargetGroupArn: arn,
          Attributes: [{ Key: 'deregistration_delay.timeout_seconds', Value: String(options.deregistrationDelay) }],
        }),
      );
    await elb.send(
      new CreateListenerCommand({
        LoadBalancerArn: LoadBalancers![0]!.LoadBalancerArn,
        Port: options.listenerPort ?? 30000 + ((process.pid * 7 + listenerPorts) % 20000),
        Protocol: 'HTTP',
        DefaultActions: [{ Type: 'forward', TargetGroupArn: arn }],
      }),
    );
    return arn;
  } finally {
    elb.destroy();
  }
}
