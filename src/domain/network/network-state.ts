// The part of a region's state that networking owns, and the pure operations on it.
import type { Scope } from '../scope.js';
import { parseCidr } from './cidr.js';
import type { NetworkInterfaceRecord } from './eni.js';
import { allocateIp } from './ip-allocator.js';
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
export function ensureDefaultVpc(state: NetworkState, scope: Scope, now: number, cidrBlock?: string): void {
  if (state.defaultVpcCreated) return;
  const d = defaultVpc(scope, now, cidrBlock);
  state.vpcs[d.vpc.vpcId] ??= d.vpc;
  for (const s of d.subnets) state.subnets[s.subnetId] ??= s;
  state.securityGroups[d.securityGroup.groupId] ??= d.securityGroup;
  state.defaultVpcCreated = true;
}

export interface EniRequest {
  subnetId: string;
  securityGroups: string[];
  taskArn: string;
  attachmentId: string;
  networkInterfaceId: string;
  macAddress: string;
  description: string;
  requesterId: string;
  region: string;
  publicIp?: string;
}

/** Creates the ENI with the subnet's lowest free address; null when the subnet has none left. */
export function createTaskEni(state: NetworkState, req: EniRequest, now: number): NetworkInterfaceRecord | null {
  const subnet = state.subnets[req.subnetId];
  const cidr = subnet && parseCidr(subnet.cidrBlock);
  if (!subnet || !cidr) return null;
  const inUse = new Set(
    Object.values(state.networkInterfaces)
      .filter((eni) => eni.subnetId === subnet.subnetId)
      .map((eni) => eni.privateIpAddress),
  );
  const ip = allocateIp(cidr, inUse);
  if (!ip) return null;
  const eni: NetworkInterfaceRecord = {
    networkInterfaceId: req.networkInterfaceId,
    subnetId: subnet.subnetId,
    vpcId: subnet.vpcId,
    availabilityZone: subnet.availabilityZone,
    macAddress: req.macAddress,
    privateIpAddress: ip,
    privateDnsName: privateDnsName(ip, req.region),
    publicIp: req.publicIp,
    groups: [...req.securityGroups],
    status: 'in-use',
    interfaceType: 'interface',
    description: req.description,
    requesterId: req.requesterId,
    requesterManaged: true,
    attachmentId: req.attachmentId,
    taskArn: req.taskArn,
    createdAt: now,
  };
  state.networkInterfaces[eni.networkInterfaceId] = eni;
  return eni;
}

/** Deletes the ENI, returning its address to the subnet. */
export function deleteEni(state: NetworkState, networkInterfaceId: string): void {
  delete state.networkInterfaces[networkInterfaceId];
}
