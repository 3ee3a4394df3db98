// VpcRecord → EC2's Vpc (CreateVpc, DescribeVpcs).
import type { Scope } from '../../domain/scope.js';
import type { VpcRecord } from '../../domain/network/vpc.js';
import { set, type XmlObject } from '../support/xml.js';
import { blockPublicAccessStates, tagSet } from './common.js';

export function vpcXml(scope: Scope, vpc: VpcRecord): XmlObject {
  return {
    vpcId: vpc.vpcId,
    ownerId: scope.accountId,
    state: vpc.state,
    cidrBlock: vpc.cidrBlock,
    cidrBlockAssociationSet: set([
      { associationId: vpc.cidrBlockAssociationId, cidrBlock: vpc.cidrBlock, cidrBlockState: { state: 'associated' } },
    ]),
    ipv6CidrBlockAssociationSet: set([]),
    dhcpOptionsId: vpc.dhcpOptionsId,
    tagSet: tagSet(vpc.tags),
    instanceTenancy: vpc.instanceTenancy,
    isDefault: vpc.isDefault,
    blockPublicAccessStates: blockPublicAccessStates(),
  };
}
