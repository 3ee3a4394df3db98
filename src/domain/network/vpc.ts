// VPCs, subnets and security groups as EC2 keeps them, and the default VPC every account and region starts with.
import { createHash } from 'node:crypto';
import type { Scope } from '../scope.js';

export interface VpcRecord {
  vpcId: string;
  cidrBlock: string;
  isDefault: boolean;
  state: 'available';
  /** Epoch ms. */
  createdAt: number;
}

export interface SubnetRecord {
  subnetId: string;
  vpcId: string;
  cidrBlock: string;
  availabilityZone: string;
  defaultForAz: boolean;
  mapPublicIpOnLaunch: boolean;
  state: 'available';
  createdAt: number;
}

export interface SecurityGroupRule {
  ipProtocol: string;
  fromPort?: number;
  toPort?: number;
  cidrIpv4?: string;
  /** Another security group whose members are allowed. */
  groupId?: string;
  description?: string;
}

export interface SecurityGroupRecord {
  groupId: string;
  groupName: string;
  description: string;
  vpcId: string;
  ingress: SecurityGroupRule[];
  egress: SecurityGroupRule[];
  createdAt: number;
}

export const DEFAULT_VPC_CIDR = '172.31.0.0/16';
export const DEFAULT_AZ_SUFFIXES = ['a', 'b', 'c'] as const;

/** A stable EC2-style id (`<prefix>-` + 17 hex digits) derived from what it names. */
export function stableId(prefix: string, ...parts: string[]): string {
  return `${prefix}-${createHash('sha256').update(parts.join('\0')).digest('hex').slice(0, 17)}`;
}

export interface DefaultVpc {
  vpc: VpcRecord;
  subnets: SubnetRecord[];
  securityGroup: SecurityGroupRecord;
}

/**
 * The default VPC of an account and region: 172.31.0.0/16 (or the /16 configured instead, so that emulators sharing
 * one Docker engine do not overlap), one /20 default subnet per AZ, a default group.
 */
export function defaultVpc(scope: Scope, now: number, cidrBlock: string = DEFAULT_VPC_CIDR): DefaultVpc {
  const [a, b] = cidrBlock.split('.');
  const vpcId = stableId('vpc', scope.accountId, scope.region, 'default');
  const subnets = DEFAULT_AZ_SUFFIXES.map((suffix, i) => ({
    subnetId: stableId('subnet', scope.accountId, scope.region, 'default', suffix),
    vpcId,
    cidrBlock: `${a}.${b}.${i * 16}.0/20`,
    availabilityZone: `${scope.region}${suffix}`,
    defaultForAz: true,
    mapPublicIpOnLaunch: true,
    state: 'available' as const,
    createdAt: now,
  }));
  const securityGroup: SecurityGroupRecord = {
    groupId: stableId('sg', scope.accountId, scope.region, vpcId, 'default'),
    groupName: 'default',
    description: 'default VPC security group',
    vpcId,
    ingress: [],
    egress: [{ ipProtocol: '-1', cidrIpv4: '0.0.0.0/0' }],
    createdAt: now,
  };
  securityGroup.ingress.push({ ipProtocol: '-1', groupId: securityGroup.groupId });
  return { vpc: { vpcId, cidrBlock, isDefault: true, state: 'available', createdAt: now }, subnets, securityGroup };
}

/** EC2's private DNS name for an address: `ip-10-0-1-5.ec2.internal` in us-east-1, else `<region>.compute.internal`. */
export function privateDnsName(ip: string, region: string): string {
  const host = `ip-${ip.replaceAll('.', '-')}`;
  return region === 'us-east-1' ? `${host}.ec2.internal` : `${host}.${region}.compute.internal`;
}
