// The part of a region's state that networking owns, and the pure operations on ENIs.
import { attachmentArn } from '../arn.js';
import type { Scope } from '../scope.js';
import { parseCidr } from './cidr.js';
import { FARGATE_REQUESTER_ID, macAddressOf, type NetworkInterfaceRecord } from './eni.js';
import { allocateIp, isUsableAddress, usableAddressCount } from './ip-allocator.js';
import { allocatePublicIp } from './public-ip.js';
import { addDefaultVpcGateway, addVpcRouting, routedToInternetGateway, routedToNatGateway, type RoutingState } from './routing.js';
import { defaultVpc, privateDnsName, type SecurityGroupRecord, type SubnetRecord, type VpcRecord } from './vpc.js';

export interface NetworkState extends RoutingState {
  vpcs: Record<string, VpcRecord>;
  subnets: Record<string, SubnetRecord>;
  securityGroups: Record<string, SecurityGroupRecord>;
  /** By ENI id. */
  networkInterfaces: Record<string, NetworkInterfaceRecord>;
  /** Set once the default VPC has been laid out (it may later be deleted, as on AWS). */
  defaultVpcCreated?: boolean;
  /** By VPC id, then by set of security groups (sorted ids, comma-joined): the set's DSCP mark (ENI.groupSetMark). */
  groupSetMarks?: Record<string, Record<string, number>>;
}

/** DSCP has six bits; 0 is what unmarked traffic (the host, anything else) carries. */
export const MAX_GROUP_SET_MARK = 63;

export const groupSetKey = (groups: readonly string[]) => [...new Set(groups)].sort().join(',');

/** The mark of a set of groups in a VPC, taking the lowest free one for a new set; undefined when none is free. */
function markFor(state: NetworkState, vpcId: string, groups: readonly string[]): number | undefined {
  const marks = ((state.groupSetMarks ??= {})[vpcId] ??= {});
  const key = groupSetKey(groups);
  if (marks[key] !== undefined) return marks[key];
  const taken = new Set(Object.values(marks));
  for (let m = 1; m <= MAX_GROUP_SET_MARK; m++) {
    if (!taken.has(m)) {
      marks[key] = m;
      return m;
    }
  }
  return undefined;
}

/** Frees the mark of a set no ENI of the VPC carries any more. */
function releaseMark(state: NetworkState, vpcId: string, groups: readonly string[]): void {
  const marks = state.groupSetMarks?.[vpcId];
  const key = groupSetKey(groups);
  if (!marks || marks[key] === undefined) return;
  if (Object.values(state.networkInterfaces).some((e) => e.vpcId === vpcId && groupSetKey(e.groups) === key)) return;
  delete marks[key];
  if (Object.keys(marks).length === 0) delete state.groupSetMarks![vpcId];
}

/** Lays out the default VPC the first time a region is used (over `cidrBlock`, a /16, when given). */
export function ensureDefaultVpc(state: NetworkState, scope: Scope, now: number, cidrBlock?: string): void {
  if (state.defaultVpcCreated) return;
  const d = defaultVpc(scope, now, cidrBlock);
  state.vpcs[d.vpc.vpcId] ??= d.vpc;
  for (const s of d.subnets) state.subnets[s.subnetId] ??= s;
  state.securityGroups[d.securityGroup.groupId] ??= d.securityGroup;
  state.defaultVpcCreated = true;
  ensureRouting(state);
}

/**
 * Every VPC's main route table and default network ACL; a default VPC whose table is new gets its internet gateway
 * and default route. Idempotent: it also completes state written before route tables were modelled.
 */
export function ensureRouting(state: NetworkState): void {
  for (const vpc of Object.values(state.vpcs)) {
    if (addVpcRouting(state, vpc.vpcId, vpc.cidrBlock) && vpc.isDefault) addDefaultVpcGateway(state, vpc.vpcId);
  }
}

/** Whether some VPC lacks its main route table (state from before route tables were modelled). */
export const routingIncomplete = (state: Readonly<NetworkState>) =>
  Object.values(state.vpcs).some(
    (v) => !Object.values(state.routeTables ?? {}).some((t) => t.vpcId === v.vpcId && t.associations.some((a) => a.main)),
  );

export const enisInSubnet = (state: NetworkState, subnetId: string) =>
  Object.values(state.networkInterfaces).filter((eni) => eni.subnetId === subnetId);

/** Addresses taken in a subnet: task ENIs' and NAT gateways'. */
export const addressesInSubnet = (state: NetworkState, subnetId: string): Set<string> =>
  new Set([
    ...enisInSubnet(state, subnetId).map((eni) => eni.privateIpAddress),
    ...Object.values(state.natGateways ?? {})
      .filter((n) => n.subnetId === subnetId && n.state !== 'deleted')
      .map((n) => n.privateIp),
  ]);

/** AvailableIpAddressCount: the subnet's usable addresses (AWS keeps five) minus those ENIs hold. */
export function availableIpAddressCount(state: NetworkState, subnet: SubnetRecord): number {
  const cidr = parseCidr(subnet.cidrBlock);
  return cidr ? usableAddressCount(cidr) - addressesInSubnet(state, subnet.subnetId).size : 0;
}

export interface EniRequest {
  scope: Scope;
  subnetId: string;
  securityGroups: string[];
  taskArn: string;
  attachmentId: string;
  networkInterfaceId: string;
  ec2AttachmentId: string;
  assignPublicIp: boolean;
  /** This address when it is usable in the subnet and free (a ready sandbox holds it), else the lowest free one. */
  privateIpAddress?: string;
  /** Addresses not to hand out (those ready sandboxes hold), though no ENI has them. */
  reserved?: ReadonlySet<string>;
}

/** Creates the ENI with the subnet's lowest free address; null when the subnet has none left. */
export function createTaskEni(state: NetworkState, req: EniRequest, now: number): NetworkInterfaceRecord | null {
  const subnet = state.subnets[req.subnetId];
  const cidr = subnet && parseCidr(subnet.cidrBlock);
  if (!subnet || !cidr) return null;
  const taken = addressesInSubnet(state, subnet.subnetId);
  const wanted = req.privateIpAddress;
  const ip =
    wanted && isUsableAddress(cidr, wanted) && !taken.has(wanted)
      ? wanted
      : allocateIp(cidr, req.reserved?.size ? new Set([...taken, ...req.reserved]) : taken);
  if (!ip) return null;
  const { region, accountId } = req.scope;
  const publicIps = new Set(Object.values(state.networkInterfaces).flatMap((eni) => (eni.publicIp ? [eni.publicIp] : [])));
  const eni: NetworkInterfaceRecord = {
    networkInterfaceId: req.networkInterfaceId,
    subnetId: subnet.subnetId,
    vpcId: subnet.vpcId,
    availabilityZone: subnet.availabilityZone,
    ownerId: accountId,
    macAddress: macAddressOf(subnet.vpcId, ip),
    privateIpAddress: ip,
    privateDnsName: privateDnsName(ip, region),
    publicIp: req.assignPublicIp ? allocatePublicIp(publicIps) : undefined,
    groups: [...req.securityGroups],
    groupSetMark: markFor(state, subnet.vpcId, req.securityGroups),
    status: 'in-use',
    interfaceType: 'interface',
    description: attachmentArn(req.scope, req.attachmentId),
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

/** Deletes the ENI, returning its addresses (private and public) and, when it was the last of its set, its mark. */
export function deleteEni(state: NetworkState, networkInterfaceId: string): void {
  const eni = state.networkInterfaces[networkInterfaceId];
  delete state.networkInterfaces[networkInterfaceId];
  if (eni) releaseMark(state, eni.vpcId, eni.groups);
}

/**
 * Whether a task on this ENI has a route to the internet: it has a public IP (assignPublicIp ENABLED) and its subnet
 * is public (routed to an internet gateway, or MapPublicIpOnLaunch set, see SubnetRecord); or its subnet's default
 * route goes to a NAT gateway in a public subnet (see routing.ts).
 */
export function hasInternetAccess(state: NetworkState, eni: NetworkInterfaceRecord): boolean {
  const subnetPublic = state.subnets[eni.subnetId]?.mapPublicIpOnLaunch === true || routedToInternetGateway(state, eni.subnetId);
  return (Boolean(eni.publicIp) && subnetPublic) || routedToNatGateway(state, eni.subnetId);
}
