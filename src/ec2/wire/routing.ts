// Internet gateways, route tables, NAT gateways, Elastic IPs and network ACLs → EC2's shapes.
import type {
  AddressRecord,
  InternetGatewayRecord,
  NatGatewayRecord,
  NetworkAclRecord,
  RouteTableRecord,
} from '../../domain/network/routing.js';
import type { Scope } from '../../domain/scope.js';
import { set, timestamp, type XmlObject } from '../support/xml.js';
import { tagSet } from './common.js';

export function internetGatewayXml(scope: Scope, g: InternetGatewayRecord): XmlObject {
  return {
    internetGatewayId: g.internetGatewayId,
    ownerId: scope.accountId,
    attachmentSet: set(g.vpcId ? [{ vpcId: g.vpcId, state: 'available' }] : []),
    tagSet: tagSet(g.tags),
  };
}

export function routeTableXml(scope: Scope, t: RouteTableRecord): XmlObject {
  return {
    routeTableId: t.routeTableId,
    vpcId: t.vpcId,
    ownerId: scope.accountId,
    routeSet: set(
      t.routes.map((r) => ({
        destinationCidrBlock: r.destinationCidrBlock,
        gatewayId: r.gatewayId,
        natGatewayId: r.natGatewayId,
        state: 'active',
        origin: r.origin,
      })),
    ),
    associationSet: set(
      t.associations.map((a) => ({
        routeTableAssociationId: a.associationId,
        routeTableId: t.routeTableId,
        subnetId: a.subnetId,
        main: a.main,
        associationState: { state: 'associated' },
      })),
    ),
    propagatingVgwSet: set([]),
    tagSet: tagSet(t.tags),
  };
}

export function natGatewayXml(n: NatGatewayRecord): XmlObject {
  return {
    natGatewayId: n.natGatewayId,
    subnetId: n.subnetId,
    vpcId: n.vpcId,
    state: n.state,
    connectivityType: n.connectivityType,
    createTime: timestamp(n.createdAt),
    deleteTime: n.deletedAt === undefined ? undefined : timestamp(n.deletedAt),
    natGatewayAddressSet: set([
      {
        allocationId: n.allocationId,
        networkInterfaceId: n.networkInterfaceId,
        privateIp: n.privateIp,
        publicIp: n.publicIp,
        associationId: n.associationId,
        isPrimary: true,
        status: n.state === 'deleted' ? 'disassociated' : 'succeeded',
      },
    ]),
    tagSet: tagSet(n.tags),
  };
}

export function addressXml(scope: Scope, a: AddressRecord): XmlObject {
  return {
    publicIp: a.publicIp,
    allocationId: a.allocationId,
    domain: a.domain,
    associationId: a.associationId,
    networkInterfaceId: a.networkInterfaceId,
    networkInterfaceOwnerId: a.networkInterfaceId ? scope.accountId : undefined,
    privateIpAddress: a.privateIpAddress,
    tagSet: tagSet(a.tags),
    publicIpv4Pool: 'amazon',
    networkBorderGroup: scope.region,
  };
}

export function networkAclXml(scope: Scope, acl: NetworkAclRecord, subnetIds: readonly string[]): XmlObject {
  return {
    networkAclId: acl.networkAclId,
    vpcId: acl.vpcId,
    default: acl.isDefault,
    ownerId: scope.accountId,
    entrySet: set(
      acl.entries.map((e) => ({
        ruleNumber: e.ruleNumber,
        protocol: e.protocol,
        ruleAction: e.ruleAction,
        egress: e.egress,
        cidrBlock: e.cidrBlock,
      })),
    ),
    associationSet: set(
      subnetIds.map((subnetId) => ({
        networkAclAssociationId: `aclassoc-${subnetId.slice(7, 24)}`,
        networkAclId: acl.networkAclId,
        subnetId,
      })),
    ),
    tagSet: tagSet(acl.tags),
  };
}
