// The part of a region's state that networking owns, and the pure operations on ENIs.
import type { Scope } from '../scope.js';
import { parseCidr } from './cidr.js';
import { FARGATE_REQUESTER_ID, type NetworkInterfaceRecord } from './eni.js';
import { allocateIp, usableAddressCount } from './ip-allocator.js';
import { allocatePublicIp } from './public-ip.js';
import { defaultVpc, privateDnsName, type SecurityGroupRecord, type SubnetRecord, type VpcRecord } from './vpc.js';

export interface NetworkState {
  vpcs: Record<string, VpcRecord>;
  subnets: Record<string, SubnetRecord>;
  securityGroups: Record<string, SecurityGroupRecord>;
  /** By ENI id. */
  networkInterfaces: Record<string, NetworkInterfaceRecord>;
  /** Set once the default VPC has been laid out (it may later be deleted, as on AWS). */
  defaultVpcCreated?: boolean;
}

/** Lays out the default VPC the first time a region is used. */
export function ensureDefaultVpc(state: NetworkState, scope: Scope, now: number): void {
  if (state.defaultVpcCreated) return;
  const d = defaultVpc(scope, now);
  state.vpcs[d.vpc.vpcId] ??= d.vpc;
  for (const s of d.subnets) state.subnets[s.subnetId] ??= s;
  state.securityGroups[d.securityGroup.groupId] ??= d.securityGroup;
  state.defaultVpcCreated = true;
}

export const enisInSubnet = (state: NetworkState, subnetId: string) =>
  Object.values(state.networkInterfaces).filter((eni) => eni.subnetId === subnetId);

/** AvailableIpAddressCount: the subnet's usable addresses (AWS keeps five) minus those ENIs hold. */
export function availableIpAddressCount(state: NetworkState, subnet: SubnetRecord): number {
  const cidr = parseCidr(subnet.cidrBlock);
  return cidr ? usableAddressCount(cidr) - enisInSubnet(state, subnet.subnetId).length : 0;
}

export interface EniRequest {
  scope: Scope;
  subnetId: string;
  securityGroups: string[];
  taskArn: string;
  attachmentId: string;
  networkInterfaceId: string;
  ec2AttachmentId: string;
  macAddress: string;
  assignPublicIp: boolean;
}

/** Creates the ENI with the subnet's lowest free address; null when the subnet has none left. */
export function createTaskEni(state: NetworkState, req: EniRequest, now: number): NetworkInterfaceRecord | null {
  const subnet = state.subnets[req.subnetId];
  const cidr = subnet && parseCidr(subnet.cidrBlock);
  if (!subnet || !cidr) return null;
  const ip = allocateIp(cidr, new Set(enisInSubnet(state, subnet.subnetId).map((eni) => eni.privateIpAddress)));
  if (!ip) return null;
  const { region, accountId } = req.scope;
  const publicIps = new Set(Object.values(state.networkInterfaces).flatMap((eni) => (eni.publicIp ? [eni.publicIp] : [])));
  const eni: NetworkInterfaceRecord = {
    networkInterfaceId: req.networkInterfaceId,
    subnetId: subnet.subnetId,
    vpcId: subnet.vpcId,
    availabilityZone: subnet.availabilityZone,
    ownerId: accountId,
    macAddress: req.macAddress,
    privateIpAddress: ip,
    privateDnsName: privateDnsName(ip, region),
    publicIp: req.assignPublicIp ? allocatePublicIp(publicIps) : undefined,
    groups: [...req.securityGroups],
    status: 'in-use',
    interfaceType: 'interface',
    description: `arn:aws:ecs:${region}:${accountId}:attachment/${req.attachmentId}`,
    requesterId: FARGATE_REQUESTER_ID,
    requesterManaged: true,
    attachmentId: req.attachmentId,
    ec2AttachmentId: req.ec2AttachmentId,
    taskArn: req.taskArn,
    createdAt: now,
  };
  state.networkInterfaces[eni.networkInterfaceId] = eni;
  return eni;
}

/** Deletes the ENI, returning its addresses (private and public) to their pools. */
export function deleteEni(state: NetworkState, networkInterfaceId: string): void {
  delete state.networkInterfaces[networkInterfaceId];
}

/**
 * Whether a task on this ENI has a route to the internet: its subnet is public (see SubnetRecord) and it has a
 * public IP (assignPublicIp ENABLED), as on AWS without a NAT gateway.
 */
export function hasInternetAccess(state: NetworkState, eni: NetworkInterfaceRecord): boolean {
  return Boolean(eni.publicIp) && state.subnets[eni.subnetId]?.mapPublicIpOnLaunch === true;
}
