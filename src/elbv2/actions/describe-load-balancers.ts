import { numberKey } from '../../domain/pagination.js';
import { type AwsQueryAction, members, queryParams as q } from '../../protocol/aws-query.js';
import { loadBalancerNotFound, validationError } from '../errors.js';
import { page } from '../support/params.js';
import { readElb } from '../support/state.js';
import { loadBalancerXml } from '../wire/xml.js';

export const describeLoadBalancers: AwsQueryAction = (ctx) => {
  const arns = q.strList(ctx.params, 'LoadBalancerArns');
  const names = q.strList(ctx.params, 'Names');
  if (arns.length && names.length) throw validationError('Load balancer names and load balancer ARNs cannot be specified at the same time');
  const all = readElb(ctx, (s) => Object.values(s.loadBalancers)).sort(
    (a, b) => a.createdAt - b.createdAt || (a.loadBalancerArn < b.loadBalancerArn ? -1 : 1),
  );
  let chosen = all;
  if (arns.length) {
    chosen = all.filter((lb) => arns.includes(lb.loadBalancerArn));
    if (new Set(arns).size !== chosen.length) throw loadBalancerNotFound();
  } else if (names.length) {
    chosen = all.filter((lb) => names.includes(lb.loadBalancerName));
    if (new Set(names).size !== chosen.length) throw loadBalancerNotFound();
  }
  const { items, nextMarker } = page(ctx.params, chosen, (lb) => `${numberKey(lb.createdAt)}|${lb.loadBalancerArn}`);
  return { LoadBalancers: members(items.map(loadBalancerXml)), NextMarker: nextMarker };
};
