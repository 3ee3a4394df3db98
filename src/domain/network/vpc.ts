// VPCs, subnets and security groups as EC2 keeps them, and the default VPC every account and region starts with.
import { createHash } from 'node:crypto';
import type { Scope } from '../scope.js';
import type { Tag } from '../tags.js';

export interface VpcRecord {
  vpcId: string;
  cidrBlock: string;
  /** The primary CIDR block's association id (`vpc-cidr-assoc-…`). */
  cidrBlockAssociationId: string;
  dhcpOptionsId: string;
  instanceTenancy: 'default' | 'dedicated';
  isDefault: boolean;
  state: 'available';
  tags: Tag[];
  /** EC2's enableDnsSupport (absent: true). */
  enableDnsSupport?: boolean;
  /** EC2's enableDnsHostnames (absent: true in a default VPC, false in others). */
  enableDnsHostnames?: boolean;
  /** Epoch ms. */
  createdAt: number;
}

export interface SubnetRecord {
  subnetId: string;
  vpcId: string;
  cidrBlock: string;
  availabilityZone: string;
  availabilityZoneId: string;
  defaultForAz: boolean;
  /**
   * EC2's MapPublicIpOnLaunch. The emulator has no route tables or internet gateways: a subnet with this set counts
   * as public (routed to an internet gateway), as the default subnets are.
   */
  mapPublicIpOnLaunch: boolean;
  state: 'available';
  tags: Tag[];
  createdAt: number;
}

/** One rule of a security group, as EC2 describes it (one peer per rule, like DescribeSecurityGroupRules). */
export interface SecurityGroupRule {
  /** `sgr-` + 17 hex digits. */
  ruleId: string;
  /** `-1` (all), `tcp`, `udp`, `icmp`, `icmpv6` or another protocol number as a string. */
  ipProtocol: string;
  /** Ports for tcp/udp; ICMP type (fromPort) and code (toPort), -1 = any; absent for `-1`. */
  fromPort?: number;
  toPort?: number;
  cidrIpv4?: string;
  cidrIpv6?: string;
  prefixListId?: string;
  /** Another security group whose members are the peer. */
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
  tags: Tag[];
  createdAt: number;
}

export const DEFAULT_VPC_CIDR = '172.31.0.0/16';
/** The availability zones of a region, by letter. Regions not listed here get three (a, b, c). */
const AZ_LETTERS: Record<string, string> = {
  'us-east-1': 'abcdef',
  'us-west-1': 'ac',
  'us-west-2': 'abcd',
  'ap-northeast-1': 'acd',
  'ap-northeast-2': 'abcd',
  'sa-east-1': 'abc',
};

export interface AvailabilityZone {
  zoneName: string;
  /** Like `use1-az1`; AWS maps names to ids per account, here the mapping is the same for every account. */
  zoneId: string;
}

/** `us-east-1` → `use1`, `ap-southeast-2` → `apse2`, as AWS abbreviates regions in zone ids. */
function regionAbbreviation(region: string): string {
  const [area = '', direction = '', number = ''] = region.split('-');
  const compass = direction.replace(
    /(north|south)?(east|west|central)?/,
    (_m, ns?: string, ew?: string) => `${ns?.[0] ?? ''}${ew?.[0] ?? ''}`,
  );
  return `${area}${compass}${number}`;
}

export function availabilityZones(region: string): AvailabilityZone[] {
  const letters = AZ_LETTERS[region] ?? 'abc';
  return [...letters].map((letter, i) => ({ zoneName: `${region}${letter}`, zoneId: `${regionAbbreviation(region)}-az${i + 1}` }));
}

/** A stable EC2-style id (`<prefix>-` + 17 hex digits) derived from what it names. */
export function stableId(prefix: string, ...parts: string[]): string {
  return `${prefix}-${createHash('sha256').update(parts.join('\0')).digest('hex').slice(0, 17)}`;
}

export interface DefaultVpc {
  vpc: VpcRecord;
  subnets: SubnetRecord[];
  securityGroup: SecurityGroupRecord;
}

/** A new security group's rules: no ingress, all egress (EC2 adds that rule to every new VPC group). */
export function newSecurityGroup(fields: Omit<SecurityGroupRecord, 'ingress' | 'egress'>): SecurityGroupRecord {
  return {
    ...fields,
    ingress: [],
    egress: [{ ruleId: stableId('sgr', fields.groupId, 'egress', 'default'), ipProtocol: '-1', cidrIpv4: '0.0.0.0/0' }],
  };
}

/**
 * The default VPC of an account and region: 172.31.0.0/16 (or another /16 given, so that emulators sharing one Docker
 * engine do not overlap), one /20 default subnet per availability zone (x.y.0.0/20, x.y.16.0/20, …), public like
 * AWS's, and the VPC's default security group (members reach each other; all egress).
 */
export function defaultVpc(scope: Scope, now: number, cidrBlock: string = DEFAULT_VPC_CIDR): DefaultVpc {
  const [a, b] = cidrBlock.split('.');
  const vpcId = stableId('vpc', scope.accountId, scope.region, 'default');
  const subnets = availabilityZones(scope.region).map(
    (az, i): SubnetRecord => ({
      subnetId: stableId('subnet', scope.accountId, scope.region, 'default', az.zoneName.slice(scope.region.length)),
      vpcId,
      cidrBlock: `${a}.${b}.${i * 16}.0/20`,
      availabilityZone: az.zoneName,
      availabilityZoneId: az.zoneId,
      defaultForAz: true,
      mapPublicIpOnLaunch: true,
      state: 'available',
      tags: [],
      createdAt: now,
    }),
  );
  const groupId = stableId('sg', scope.accountId, scope.region, vpcId, 'default');
  const securityGroup = newSecurityGroup({
    groupId,
    groupName: 'default',
    description: 'default VPC security group',
    vpcId,
    tags: [],
    createdAt: now,
  });
  securityGroup.ingress.push({ ruleId: stableId('sgr', groupId, 'ingress', 'default'), ipProtocol: '-1', groupId });
  const vpc: VpcRecord = {
    vpcId,
    cidrBlock,
    cidrBlockAssociationId: stableId('vpc-cidr-assoc', vpcId),
    dhcpOptionsId: stableId('dopt', scope.accountId, scope.region),
    instanceTenancy: 'default',
    isDefault: true,
    state: 'available',
    tags: [],
    createdAt: now,
  };
  return { vpc, subnets, securityGroup };
}

/** The default security group of a VPC (every VPC has exactly one, named `default`). */
export function defaultSecurityGroupOf(groups: Record<string, SecurityGroupRecord>, vpcId: string): SecurityGroupRecord | undefined {
  return Object.values(groups).find((g) => g.vpcId === vpcId && g.groupName === 'default');
}

/** EC2's private DNS name for an address: `ip-10-0-1-5.ec2.internal` in us-east-1, else `<region>.compute.internal`. */
export function privateDnsName(ip: string, region: string): string {
  const host = `ip-${ip.replaceAll('.', '-')}`;
  return region === 'us-east-1' ? `${host}.ec2.internal` : `${host}.${region}.compute.internal`;
}

/** EC2's public DNS name: `ec2-3-1-2-3.compute-1.amazonaws.com` in us-east-1, else `<region>.compute.amazonaws.com`. */
export function publicDnsName(ip: string, region: string): string {
  const host = `ec2-${ip.replaceAll('.', '-')}`;
  return region === 'us-east-1' ? `${host}.compute-1.amazonaws.com` : `${host}.${region}.compute.amazonaws.com`;
}
