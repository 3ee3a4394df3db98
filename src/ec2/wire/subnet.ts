// SubnetRecord → EC2's Subnet (CreateSubnet, DescribeSubnets).
import type { Scope } from '../../domain/scope.js';
import type { SubnetRecord } from '../../domain/network/vpc.js';
import { set, type XmlObject } from '../support/xml.js';
import { ec2Arn } from '../../domain/arn.js';
import { blockPublicAccessStates, tagSet } from './common.js';

export function subnetXml(scope: Scope, subnet: SubnetRecord, availableIpAddressCount: number): XmlObject {
  return {
    subnetId: subnet.subnetId,
    subnetArn: ec2Arn(scope, 'subnet', subnet.subnetId),
    state: subnet.state,
    ownerId: scope.accountId,
    vpcId: subnet.vpcId,
    cidrBlock: subnet.cidrBlock,
    ipv6CidrBlockAssociationSet: set([]),
    availableIpAddressCount,
    availabilityZone: subnet.availabilityZone,
    availabilityZoneId: subnet.availabilityZoneId,
    defaultForAz: subnet.defaultForAz,
    mapPublicIpOnLaunch: subnet.mapPublicIpOnLaunch,
    mapCustomerOwnedIpOnLaunch: false,
    assignIpv6AddressOnCreation: false,
    enableDns64: false,
    ipv6Native: false,
    privateDnsNameOptionsOnLaunch: { hostnameType: 'ip-name', enableResourceNameDnsARecord: false, enableResourceNameDnsAAAARecord: false },
    tagSet: tagSet(subnet.tags),
    blockPublicAccessStates: blockPublicAccessStates(),
  };
}
