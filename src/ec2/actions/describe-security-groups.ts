import { securityGroupNotFound } from '../../domain/network/ec2-errors.js';
import type { SecurityGroupRecord, SecurityGroupRule } from '../../domain/network/vpc.js';
import type { Ec2Action } from '../context.js';
import { applyFilters, filtersOf, type FilterFields } from '../support/filters.js';
import { creationKey, paginate } from '../support/pagination.js';
import { strList } from '../support/query-params.js';
import { checkIdFormat, readNetwork } from '../support/region.js';
import { set } from '../support/xml.js';
import { securityGroupXml } from '../wire/security-group.js';

const ruleFields = (prefix: string, rules: (g: SecurityGroupRecord) => SecurityGroupRule[]): FilterFields<SecurityGroupRecord> => ({
  [`${prefix}ip-permission.protocol`]: (g) => rules(g).map((r) => r.ipProtocol),
  [`${prefix}ip-permission.from-port`]: (g) => rules(g).map((r) => r.fromPort),
  [`${prefix}ip-permission.to-port`]: (g) => rules(g).map((r) => r.toPort),
  [`${prefix}ip-permission.cidr`]: (g) => rules(g).map((r) => r.cidrIpv4),
  [`${prefix}ip-permission.ipv6-cidr`]: (g) => rules(g).map((r) => r.cidrIpv6),
  [`${prefix}ip-permission.prefix-list-id`]: (g) => rules(g).map((r) => r.prefixListId),
  [`${prefix}ip-permission.group-id`]: (g) => rules(g).map((r) => r.groupId),
});

const FIELDS: FilterFields<SecurityGroupRecord> = {
  'group-id': (g) => g.groupId,
  'group-name': (g) => g.groupName,
  description: (g) => g.description,
  'vpc-id': (g) => g.vpcId,
  ...ruleFields('', (g) => g.ingress),
  ...ruleFields('egress.', (g) => g.egress),
};

export const describeSecurityGroups: Ec2Action = (ctx) => {
  const ids = strList(ctx.params, 'GroupId');
  const names = strList(ctx.params, 'GroupName');
  checkIdFormat(ids, 'sg', 'InvalidGroupId.Malformed');
  const all = readNetwork(ctx, (s) => Object.values(s.securityGroups));
  const missing = ids.find((id) => !all.some((g) => g.groupId === id));
  if (missing) throw securityGroupNotFound(missing);
  const missingName = names.find((n) => !all.some((g) => g.groupName === n));
  if (missingName) throw securityGroupNotFound(missingName);
  const chosen = all.filter((g) => (!ids.length || ids.includes(g.groupId)) && (!names.length || names.includes(g.groupName)));
  const fields: FilterFields<SecurityGroupRecord> = { ...FIELDS, 'owner-id': () => ctx.scope.accountId };
  const page = paginate(
    applyFilters(chosen, filtersOf(ctx.params), fields, (g) => g.tags),
    (g) => creationKey(g.createdAt, g.groupId),
    ctx.params,
    { min: 5, max: 1000 },
  );
  return { securityGroupInfo: set(page.items.map((g) => securityGroupXml(ctx.scope, g))), nextToken: page.nextToken };
};
