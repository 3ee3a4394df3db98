// An ELBv2 SDK client for a test emulator (same port as ECS), and the default VPC's subnets to put load balancers in.
import { DescribeSubnetsCommand, DescribeVpcsCommand } from '@aws-sdk/client-ec2';
import { ElasticLoadBalancingV2Client } from '@aws-sdk/client-elastic-load-balancing-v2';
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
