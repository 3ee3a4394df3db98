import type { ListenerRecord } from '../../domain/elbv2/records.js';
import { numberKey, sortByKey } from '../../domain/pagination.js';
import { type AwsQueryAction, members, queryParams as q } from '../../protocol/aws-query.js';
import { listenerNotFound, validationError } from '../errors.js';
import { loadBalancer } from '../support/lookup.js';
import { page } from '../support/params.js';
import { readElb } from '../support/state.js';
import { listenerXml } from '../wire/xml.js';

/** Port order; the ARN tells listeners of different load balancers on one port apart. */
const keyOf = (l: ListenerRecord) => `${numberKey(l.port)}|${l.listenerArn}`;

export const describeListeners: AwsQueryAction = (ctx) => {
  const lbArn = q.str(ctx.params, 'LoadBalancerArn');
  const arns = q.strList(ctx.params, 'ListenerArns');
  if (!lbArn && arns.length === 0) throw validationError('You must specify either listener ARNs or a load balancer ARN');
  if (lbArn && arns.length) throw validationError('Listener ARNs and a load balancer ARN cannot be specified at the same time');
  const chosen = readElb(ctx, (s) => {
    if (lbArn) loadBalancer(s, lbArn);
    const all = sortByKey(Object.values(s.listeners), keyOf);
    if (lbArn) return all.filter((l) => l.loadBalancerArn === lbArn);
    const found = all.filter((l) => arns.includes(l.listenerArn));
    if (found.length !== new Set(arns).size) throw listenerNotFound();
    return found;
  });
  const { items, nextMarker } = page(ctx.params, chosen, keyOf);
  return { Listeners: members(items.map(listenerXml)), NextMarker: nextMarker };
};
