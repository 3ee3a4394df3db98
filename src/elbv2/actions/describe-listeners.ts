import { type AwsQueryAction, members, queryParams as q } from '../../protocol/aws-query.js';
import { listenerNotFound, validationError } from '../errors.js';
import { loadBalancer } from '../support/lookup.js';
import { page } from '../support/params.js';
import { readElb } from '../support/state.js';
import { listenerXml } from '../wire/xml.js';

export const describeListeners: AwsQueryAction = (ctx) => {
  const lbArn = q.str(ctx.params, 'LoadBalancerArn');
  const arns = q.strList(ctx.params, 'ListenerArns');
  if (!lbArn && arns.length === 0) throw validationError('You must specify either listener ARNs or a load balancer ARN');
  if (lbArn && arns.length) throw validationError('Listener ARNs and a load balancer ARN cannot be specified at the same time');
  const chosen = readElb(ctx, (s) => {
    if (lbArn) loadBalancer(s, lbArn);
    const all = Object.values(s.listeners).sort((a, b) => a.port - b.port);
    if (lbArn) return all.filter((l) => l.loadBalancerArn === lbArn);
    const found = all.filter((l) => arns.includes(l.listenerArn));
    if (found.length !== new Set(arns).size) throw listenerNotFound();
    return found;
  });
  const { items, nextMarker } = page(ctx.params, chosen);
  return { Listeners: members(items.map(listenerXml)), NextMarker: nextMarker };
};
