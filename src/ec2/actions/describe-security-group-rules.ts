import type { SecurityGroupRecord, SecurityGroupRule } from '../../domain/network/vpc.js';
import type { Ec2Action } from '../context.js';
import { applyFilters, filtersOf } from '../support/filters.js';
import { creationKey, paginate } from '../support/pagination.js';
import { strList } from '../support/query-params.js';
import { readNetwork } from '../support/region.js';
import { set } from '../support/xml.js';
import { securityGroupRuleXml } from '../wire/security-group.js';

interface Listed {
  group: SecurityGroupRecord;
  rule: SecurityGroupRule;
  isEgress: boolean;
}

export const describeSecurityGroupRules: Ec2Action = (ctx) => {
  const ids = strList(ctx.params, 'SecurityGroupRuleId');
  const all = readNetwork(ctx, (s) =>
    Object.values(s.securityGroups).flatMap((group): Listed[] => [
      ...group.ingress.map((rule) => ({ group, rule, isEgress: false })),
      ...group.egress.map((rule) => ({ group, rule, isEgress: true })),
    ]),
  );
  const chosen = ids.length ? all.filter((x) => ids.includes(x.rule.ruleId)) : all;
  const filtered = applyFilters(
    chosen,
    filtersOf(ctx.params),
    { 'group-id': (x) => x.group.groupId, 'security-group-rule-id': (x) => x.rule.ruleId },
    () => [],
  );
  const page = paginate(
    filtered,
    (x) => creationKey(x.group.createdAt, x.group.groupId, x.isEgress ? 'egress' : 'ingress', x.rule.ruleId),
    ctx.params,
    { min: 5, max: 1000 },
  );
  return {
    securityGroupRuleSet: set(page.items.map((x) => securityGroupRuleXml(ctx.scope, x.group, x.rule, x.isEgress))),
    nextToken: page.nextToken,
  };
};
