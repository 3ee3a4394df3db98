// SecurityGroupRecord → EC2's SecurityGroup (rules put back together as IpPermissions, one per protocol and
// ports, each with its peers) and its rules → SecurityGroupRule (Authorize*, DescribeSecurityGroupRules).
import type { Scope } from '../../domain/scope.js';
import type { RuleSpec } from '../../domain/network/security-groups.js';
import type { SecurityGroupRecord, SecurityGroupRule } from '../../domain/network/vpc.js';
import { set, type XmlObject } from '../support/xml.js';
import { ec2Arn } from '../../domain/arn.js';
import { tagSet } from './common.js';

const described = (d: string | undefined) => (d === undefined ? {} : { description: d });

/** Rules with the same protocol and ports as one IpPermission, in the order they were added. */
export function ipPermissionsXml(scope: Scope, rules: readonly RuleSpec[]): XmlObject[] {
  const byKey = new Map<string, RuleSpec[]>();
  for (const r of rules) {
    const key = `${r.ipProtocol}|${r.fromPort ?? ''}|${r.toPort ?? ''}`;
    byKey.set(key, [...(byKey.get(key) ?? []), r]);
  }
  return [...byKey.values()].map((group) => {
    const first = group[0]!;
    return {
      ipProtocol: first.ipProtocol,
      fromPort: first.fromPort,
      toPort: first.toPort,
      groups: set(
        group.filter((r) => r.groupId).map((r) => ({ ...described(r.description), userId: scope.accountId, groupId: r.groupId })),
      ),
      ipRanges: set(group.filter((r) => r.cidrIpv4).map((r) => ({ ...described(r.description), cidrIp: r.cidrIpv4 }))),
      ipv6Ranges: set(group.filter((r) => r.cidrIpv6).map((r) => ({ ...described(r.description), cidrIpv6: r.cidrIpv6 }))),
      prefixListIds: set(group.filter((r) => r.prefixListId).map((r) => ({ ...described(r.description), prefixListId: r.prefixListId }))),
    };
  });
}

export function securityGroupXml(scope: Scope, group: SecurityGroupRecord): XmlObject {
  return {
    ownerId: scope.accountId,
    groupId: group.groupId,
    groupName: group.groupName,
    groupDescription: group.description,
    ipPermissions: set(ipPermissionsXml(scope, group.ingress)),
    ipPermissionsEgress: set(ipPermissionsXml(scope, group.egress)),
    vpcId: group.vpcId,
    securityGroupArn: ec2Arn(scope, 'security-group', group.groupId),
    tagSet: tagSet(group.tags),
  };
}

/** One rule as EC2 lists it on its own; an all-protocols rule shows ports -1. */
export function securityGroupRuleXml(scope: Scope, group: SecurityGroupRecord, rule: SecurityGroupRule, isEgress: boolean): XmlObject {
  const allPorts = rule.fromPort === undefined;
  return {
    securityGroupRuleId: rule.ruleId,
    groupId: group.groupId,
    groupOwnerId: scope.accountId,
    isEgress,
    ipProtocol: rule.ipProtocol,
    fromPort: allPorts ? -1 : rule.fromPort,
    toPort: allPorts ? -1 : rule.toPort,
    cidrIpv4: rule.cidrIpv4,
    cidrIpv6: rule.cidrIpv6,
    prefixListId: rule.prefixListId,
    referencedGroupInfo: rule.groupId ? { groupId: rule.groupId, userId: scope.accountId } : undefined,
    ...described(rule.description),
    tagSet: set([]),
    securityGroupRuleArn: ec2Arn(scope, 'security-group-rule', rule.ruleId),
  };
}
