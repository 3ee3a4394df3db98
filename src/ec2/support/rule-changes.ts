// What AuthorizeSecurityGroupIngress/Egress and RevokeSecurityGroupIngress/Egress share: find the group (by id, or
// by name in the default VPC), turn the permissions into rules, change them, and have running tasks of the group's
// VPC re-checked (their rules change at once; see the engine's FirewallSync).
import {
  authorizeRules,
  resolveGroup,
  revokeRules,
  revokeRulesById,
  ruleSpecsOf,
  type Direction,
} from '../../domain/network/security-groups.js';
import type { Ec2Context } from '../context.js';
import { ipPermissionsXml, securityGroupRuleXml } from '../wire/security-group.js';
import { permissionsOf } from './permissions.js';
import { str, strList } from './query-params.js';
import { newEc2Id, updateNetwork } from './region.js';
import { set, type XmlObject } from './xml.js';

function targetGroup(ctx: Ec2Context, state: Parameters<typeof resolveGroup>[0]) {
  const defaultVpcId = Object.values(state.vpcs).find((v) => v.isDefault)?.vpcId;
  return resolveGroup(state, { groupId: str(ctx.params, 'GroupId'), groupName: str(ctx.params, 'GroupName') }, defaultVpcId);
}

export function authorize(ctx: Ec2Context, direction: Direction): XmlObject {
  const permissions = permissionsOf(ctx.params);
  const { group, added } = updateNetwork(ctx, (s) => {
    const g = targetGroup(ctx, s);
    const specs = ruleSpecsOf(s, g.vpcId, permissions);
    return { group: g, added: authorizeRules(g, direction, specs, () => newEc2Id(ctx, 'sgr')) };
  });
  ctx.deps.tasks.networkChanged(ctx.scope, group.vpcId);
  return { return: true, securityGroupRuleSet: set(added.map((r) => securityGroupRuleXml(ctx.scope, group, r, direction === 'egress'))) };
}

export function revoke(ctx: Ec2Context, direction: Direction): XmlObject {
  const ruleIds = strList(ctx.params, 'SecurityGroupRuleId');
  const permissions = ruleIds.length ? [] : permissionsOf(ctx.params);
  const { group, result } = updateNetwork(ctx, (s) => {
    const g = targetGroup(ctx, s);
    const r = ruleIds.length ? revokeRulesById(g, direction, ruleIds) : revokeRules(g, direction, ruleSpecsOf(s, g.vpcId, permissions));
    return { group: g, result: r };
  });
  ctx.deps.tasks.networkChanged(ctx.scope, group.vpcId);
  return {
    return: true,
    unknownIpPermissionSet: result.unknown.length ? set(ipPermissionsXml(ctx.scope, result.unknown)) : undefined,
    revokedSecurityGroupRuleSet: set(
      result.revoked.map((r) => {
        const full = securityGroupRuleXml(ctx.scope, group, r, direction === 'egress');
        return {
          securityGroupRuleId: full.securityGroupRuleId,
          groupId: full.groupId,
          isEgress: full.isEgress,
          ipProtocol: full.ipProtocol,
          fromPort: full.fromPort,
          toPort: full.toPort,
          cidrIpv4: full.cidrIpv4,
          cidrIpv6: full.cidrIpv6,
          prefixListId: full.prefixListId,
          referencedGroupId: r.groupId,
          description: full.description,
        };
      }),
    ),
  };
}
