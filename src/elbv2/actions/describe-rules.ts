import type { ListenerRecord, RuleRecord } from '../../domain/elbv2/records.js';
import { numberKey, sortByKey } from '../../domain/pagination.js';
import { type AwsQueryAction, members, queryParams as q } from '../../protocol/aws-query.js';
import { ruleNotFound, validationError } from '../errors.js';
import { listener, rulesOf } from '../support/lookup.js';
import { page } from '../support/params.js';
import { readElb } from '../support/state.js';
import { defaultRuleXml, ruleXml } from '../wire/xml.js';

type Row = { rule: RuleRecord } | { defaultOf: ListenerRecord };

/** Priority order, the default rule last ('d' sorts after digits). */
const keyOf = (r: Row) => ('rule' in r ? `${numberKey(r.rule.priority)}|${r.rule.ruleArn}` : `default|${r.defaultOf.defaultRuleArn}`);

export const describeRules: AwsQueryAction = (ctx) => {
  const listenerArn = q.str(ctx.params, 'ListenerArn');
  const arns = q.strList(ctx.params, 'RuleArns');
  if (!listenerArn && arns.length === 0) throw validationError('You must specify either listener rule ARNs or a listener ARN');
  if (listenerArn && arns.length) throw validationError('Listener rule ARNs and a listener ARN cannot be specified at the same time');
  const rows = readElb(ctx, (s): Row[] => {
    if (listenerArn) {
      const l = listener(s, listenerArn);
      return [...rulesOf(s, listenerArn).map((rule) => ({ rule })), { defaultOf: l }];
    }
    return arns.map((arn) => {
      const rule = s.listenerRules[arn];
      if (rule) return { rule };
      const owner = Object.values(s.listeners).find((l) => l.defaultRuleArn === arn);
      if (owner) return { defaultOf: owner };
      throw ruleNotFound();
    });
  });
  const { items, nextMarker } = page(ctx.params, sortByKey(rows, keyOf), keyOf);
  return { Rules: members(items.map((r) => ('rule' in r ? ruleXml(r.rule) : defaultRuleXml(r.defaultOf)))), NextMarker: nextMarker };
};
