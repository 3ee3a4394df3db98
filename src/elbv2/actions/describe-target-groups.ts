import { loadBalancersOfTargetGroup } from '../../domain/elbv2/records.js';
import { numberKey } from '../../domain/pagination.js';
import { type AwsQueryAction, members, queryParams as q } from '../../protocol/aws-query.js';
import { targetGroupNotFound, validationError } from '../errors.js';
import { loadBalancer } from '../support/lookup.js';
import { page } from '../support/params.js';
import { readElb } from '../support/state.js';
import { targetGroupXml } from '../wire/xml.js';

export const describeTargetGroups: AwsQueryAction = (ctx) => {
  const p = ctx.params;
  const lbArn = q.str(p, 'LoadBalancerArn');
  const arns = q.strList(p, 'TargetGroupArns');
  const names = q.strList(p, 'Names');
  if ([lbArn ? 1 : 0, arns.length ? 1 : 0, names.length ? 1 : 0].reduce((a, b) => a + b, 0) > 1)
    throw validationError('Only one of load balancer ARN, target group ARNs or target group names can be specified');
  const rows = readElb(ctx, (s) => {
    if (lbArn) loadBalancer(s, lbArn);
    return Object.values(s.targetGroups)
      .sort((a, b) => a.createdAt - b.createdAt || (a.targetGroupArn < b.targetGroupArn ? -1 : 1))
      .map((tg) => ({ tg, lbs: loadBalancersOfTargetGroup(s, tg.targetGroupArn) }));
  });
  let chosen = rows;
  if (lbArn) chosen = rows.filter((r) => r.lbs.includes(lbArn));
  else if (arns.length) {
    chosen = rows.filter((r) => arns.includes(r.tg.targetGroupArn));
    if (chosen.length !== new Set(arns).size) throw targetGroupNotFound();
  } else if (names.length) {
    chosen = rows.filter((r) => names.includes(r.tg.targetGroupName));
    if (chosen.length !== new Set(names).size) throw targetGroupNotFound();
  }
  const { items, nextMarker } = page(p, chosen, (r) => `${numberKey(r.tg.createdAt)}|${r.tg.targetGroupArn}`);
  return { TargetGroups: members(items.map((r) => targetGroupXml(r.tg, r.lbs))), NextMarker: nextMarker };
};
