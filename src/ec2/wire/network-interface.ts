// NetworkInterfaceRecord → EC2's NetworkInterface (DescribeNetworkInterfaces), shaped like a real Fargate task's ENI:
// requester-managed by ECS, attached at device index 1 to an instance AWS owns, an Association when it has a
// public IP.
import { FARGATE_INSTANCE_OWNER_ID, type NetworkInterfaceRecord } from '../../domain/network/eni.js';
import type { NetworkState } from '../../domain/network/network-state.js';
import { publicDnsName } from '../../domain/network/vpc.js';
import type { Scope } from '../../domain/scope.js';
import { set, timestamp, type XmlObject } from '../support/xml.js';

export function networkInterfaceXml(scope: Scope, state: Readonly<NetworkState>, eni: NetworkInterfaceRecord): XmlObject {
  const association = eni.publicIp
    ? { publicIp: eni.publicIp, publicDnsName: publicDnsName(eni.publicIp, scope.region), ipOwnerId: 'amazon' }
    : undefined;
  return {
    networkInterfaceId: eni.networkInterfaceId,
    subnetId: eni.subnetId,
    vpcId: eni.vpcId,
    availabilityZone: eni.availabilityZone,
    description: eni.description,
    ownerId: eni.ownerId,
    requesterId: eni.requesterId,
    requesterManaged: eni.requesterManaged,
    status: eni.status,
    macAddress: eni.macAddress,
    privateIpAddress: eni.privateIpAddress,
    privateDnsName: eni.privateDnsName,
    sourceDestCheck: true,
    groupSet: set(eni.groups.map((id) => ({ groupId: id, groupName: state.securityGroups[id]?.groupName }))),
    attachment: {
      attachmentId: eni.ec2AttachmentId,
      instanceOwnerId: FARGATE_INSTANCE_OWNER_ID,
      deviceIndex: 1,
      networkCardIndex: 0,
      status: 'attached',
      attachTime: timestamp(eni.createdAt),
      deleteOnTermination: false,
    },
    association,
    tagSet: set([]),
    privateIpAddressesSet: set([
      { privateIpAddress: eni.privateIpAddress, privateDnsName: eni.privateDnsName, primary: true, association },
    ]),
    ipv6AddressesSet: set([]),
    interfaceType: eni.interfaceType,
  };
}
