// Creating and deleting VPCs and subnets, with EC2's rules and errors:
// - a VPC's IPv4 block is /16 to /28; each VPC gets its own default security group;
// - a subnet's block is /16 to /28, lies inside its VPC's block and overlaps no other subnet of the VPC;
// - a subnet with ENIs in it, or a VPC with subnets or security groups of its own, cannot be deleted.
// Two VPCs may use the same block, as on AWS (see docs/networking.md for what that means on Docker).
import type { Scope } from '../scope.js';
import type { Tag } from '../tags.js';
import { cidrContains, cidrsOverlap, parseCidr, type Cidr } from './cidr.js';
import {
  invalidAvailabilityZone,
  invalidCidrParameter,
  invalidSubnetConflict,
  invalidSubnetRange,
  invalidVpcRange,
  subnetHasDependencies,
  subnetNotFound,
  vpcHasDependencies,
  vpcNotFound,
} from './ec2-errors.js';
import { enisInSubnet, type NetworkState } from './network-state.js';
import { addVpcRouting, natGatewaysOf, removeVpcRouting, routeTablesOf, vpcRoutingInUse } from './routing.js';
import { availabilityZones, newSecurityGroup, stableId, type SubnetRecord, type VpcRecord } from './vpc.js';

export const MIN_BLOCK_PREFIX = 16;
export const MAX_BLOCK_PREFIX = 28;

function blockOf(text: string, outOfRange: (cidr: string) => Error): Cidr {
  const cidr = parseCidr(text);
  if (!cidr) throw invalidCidrParameter(text);
  if (cidr.prefix < MIN_BLOCK_PREFIX || cidr.prefix > MAX_BLOCK_PREFIX) throw outOfRange(text);
  return cidr;
}

export function getVpc(state: NetworkState, vpcId: string): VpcRecord {
  const vpc = state.vpcs[vpcId];
  if (!vpc) throw vpcNotFound([vpcId]);
  return vpc;
}

export function getSubnet(state: NetworkState, subnetId: string): SubnetRecord {
  const subnet = state.subnets[subnetId];
  if (!subnet) throw subnetNotFound([subnetId]);
  return subnet;
}

export interface CreateVpcRequest {
  vpcId: string;
  /** Id of the VPC's default security group. */
  defaultGroupId: string;
  cidrBlock: string;
  instanceTenancy?: 'default' | 'dedicated';
  tags: Tag[];
}

export function createVpc(state: NetworkState, scope: Scope, req: CreateVpcRequest, now: number): VpcRecord {
  const cidr = blockOf(req.cidrBlock, invalidVpcRange);
  const vpc: VpcRecord = {
    vpcId: req.vpcId,
    cidrBlock: cidr.text,
    cidrBlockAssociationId: stableId('vpc-cidr-assoc', req.vpcId),
    dhcpOptionsId: stableId('dopt', scope.accountId, scope.region),
    instanceTenancy: req.instanceTenancy ?? 'default',
    isDefault: false,
    state: 'available',
    tags: req.tags,
    createdAt: now,
  };
  state.vpcs[vpc.vpcId] = vpc;
  const group = newSecurityGroup({
    groupId: req.defaultGroupId,
    groupName: 'default',
    description: 'default VPC security group',
    vpcId: vpc.vpcId,
    tags: [],
    createdAt: now,
  });
  group.ingress.push({ ruleId: stableId('sgr', group.groupId, 'ingress', 'default'), ipProtocol: '-1', groupId: group.groupId });
  state.securityGroups[group.groupId] = group;
  addVpcRouting(state, vpc.vpcId, vpc.cidrBlock);
  return vpc;
}

/**
 * Deletes a VPC that has no subnets, ENIs, security groups besides its default one, route tables besides its main
 * one, gateways (those go with it, as does its default network ACL).
 */
export function deleteVpc(state: NetworkState, vpcId: string): void {
  getVpc(state, vpcId);
  const inUse =
    Object.values(state.subnets).some((s) => s.vpcId === vpcId) ||
    Object.values(state.networkInterfaces).some((e) => e.vpcId === vpcId) ||
    Object.values(state.securityGroups).some((g) => g.vpcId === vpcId && g.groupName !== 'default') ||
    vpcRoutingInUse(state, vpcId);
  if (inUse) throw vpcHasDependencies(vpcId);
  removeVpcRouting(state, vpcId);
  for (const g of Object.values(state.securityGroups)) if (g.vpcId === vpcId) delete state.securityGroups[g.groupId];
  delete state.vpcs[vpcId];
}

export interface CreateSubnetRequest {
  subnetId: string;
  vpcId: string;
  cidrBlock: string;
  availabilityZone?: string;
  availabilityZoneId?: string;
  tags: Tag[];
}

export function createSubnet(state: NetworkState, scope: Scope, req: CreateSubnetRequest, now: number): SubnetRecord {
  const vpc = getVpc(state, req.vpcId);
  const cidr = blockOf(req.cidrBlock, invalidSubnetRange);
  if (!cidrContains(parseCidr(vpc.cidrBlock)!, cidr)) throw invalidSubnetRange(req.cidrBlock);
  const conflict = Object.values(state.subnets).some((s) => s.vpcId === vpc.vpcId && cidrsOverlap(parseCidr(s.cidrBlock)!, cidr));
  if (conflict) throw invalidSubnetConflict(req.cidrBlock);
  const zones = availabilityZones(scope.region);
  const zone = req.availabilityZone
    ? zones.find((z) => z.zoneName === req.availabilityZone)
    : req.availabilityZoneId
      ? zones.find((z) => z.zoneId === req.availabilityZoneId)
      : zones[0];
  if (!zone) {
    throw invalidAvailabilityZone(
      req.availabilityZone ?? req.availabilityZoneId ?? '',
      zones.map((z) => z.zoneName),
    );
  }
  const subnet: SubnetRecord = {
    subnetId: req.subnetId,
    vpcId: vpc.vpcId,
    cidrBlock: cidr.text,
    availabilityZone: zone.zoneName,
    availabilityZoneId: zone.zoneId,
    defaultForAz: false,
    mapPublicIpOnLaunch: false,
    state: 'available',
    tags: req.tags,
    createdAt: now,
  };
  state.subnets[subnet.subnetId] = subnet;
  return subnet;
}

/** Deletes a subnet no ENI uses (AWS refuses while a task's ENI is in it, until the task is deprovisioned). */
export function deleteSubnet(state: NetworkState, subnetId: string): SubnetRecord {
  const subnet = getSubnet(state, subnetId);
  const natInside = Object.values(natGatewaysOf(state)).some((n) => n.subnetId === subnetId && n.state !== 'deleted');
  if (enisInSubnet(state, subnetId).length > 0 || natInside) throw subnetHasDependencies(subnetId);
  // Its route table association goes with it.
  for (const t of Object.values(routeTablesOf(state))) t.associations = t.associations.filter((a) => a.subnetId !== subnetId);
  delete state.subnets[subnetId];
  return subnet;
}
