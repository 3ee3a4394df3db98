import { LOAD_BALANCER_ATTRIBUTE_DEFAULTS } from '../../domain/elbv2/defaults.js';
import { type AwsQueryAction, queryParams as q } from '../../protocol/aws-query.js';
import { attributesOf, checkBoolAttribute, checkIntAttribute } from '../support/params.js';
import { loadBalancer } from '../support/lookup.js';
import { readElb, updateElb } from '../support/state.js';
import { attributesXml } from '../wire/xml.js';

export const describeLoadBalancerAttributes: AwsQueryAction = (ctx) => {
  const arn = q.requiredStr(ctx.params, 'LoadBalancerArn');
  return { Attributes: attributesXml(readElb(ctx, (s) => loadBalancer(s, arn).attributes)) };
};

export const modifyLoadBalancerAttributes: AwsQueryAction = (ctx) => {
  const arn = q.requiredStr(ctx.params, 'LoadBalancerArn');
  const changes = attributesOf(ctx.params, LOAD_BALANCER_ATTRIBUTE_DEFAULTS, 'Load balancer');
  checkIntAttribute(changes, 'idle_timeout.timeout_seconds', 1, 4000);
  checkIntAttribute(changes, 'client_keep_alive.seconds', 60, 604800);
  for (const key of Object.keys(changes).filter((k) => k.endsWith('.enabled') && k !== 'load_balancing.cross_zone.enabled'))
    checkBoolAttribute(changes, key);
  const attributes = updateElb(ctx, (s) => {
    const lb = loadBalancer(s, arn);
    Object.assign(lb.attributes, changes);
    return lb.attributes;
  });
  return { Attributes: attributesXml(attributes) };
};
