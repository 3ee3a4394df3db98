import { networkAclNotFound, type NetworkAclRecord } from '../../domain/network/routing.js';
import type { Ec2Action } from '../context.js';
import { describeItems } from '../support/describe.js';
import { readNetwork } from '../support/region.js';
import { set } from '../support/xml.js';
import { networkAclXml } from '../wire/routing.js';

/** Every VPC's default ACL (allow all); custom ACLs are not modelled, so every subnet is associated with it. */
export const describeNetworkAcls: Ec2Action = (ctx) => {
  const { all, subnetsOf } = readNetwork(ctx, (s) => {
    const subnets = Object.values(s.subnets);
    return {
      all: Object.values(s.networkAcls ?? {}),
      subnetsOf: (acl: NetworkAclRecord) => subnets.filter((x) => x.vpcId === acl.vpcId).map((x) => x.subnetId),
    };
  });
  const page = describeItems<NetworkAclRecord>(ctx, all, {
    idParam: 'NetworkAclId',
    prefix: 'acl',
    malformed: 'InvalidNetworkAclID.Malformed',
    idOf: (a) => a.networkAclId,
    notFound: networkAclNotFound,
    fields: {
      'network-acl-id': (a) => a.networkAclId,
      'vpc-id': (a) => a.vpcId,
      default: (a) => a.isDefault,
      'owner-id': () => ctx.scope.accountId,
      'association.subnet-id': (a) => subnetsOf(a),
      'association.network-acl-id': (a) => a.networkAclId,
      'entry.rule-number': (a) => a.entries.map((e) => e.ruleNumber),
      'entry.rule-action': (a) => a.entries.map((e) => e.ruleAction),
      'entry.egress': (a) => a.entries.map((e) => e.egress),
      'entry.protocol': (a) => a.entries.map((e) => e.protocol),
      'entry.cidr': (a) => a.entries.map((e) => e.cidrBlock),
    },
    tags: (a) => a.tags,
    bounds: { min: 5, max: 1000 },
  });
  return { networkAclSet: set(page.items.map((a) => networkAclXml(ctx.scope, a, subnetsOf(a)))), nextToken: page.nextToken };
};
