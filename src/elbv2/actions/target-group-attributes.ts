import { TARGET_GROUP_ATTRIBUTE_DEFAULTS } from '../../domain/elbv2/defaults.js';
import { type AwsQueryAction, queryParams as q } from '../../protocol/aws-query.js';
import { validationError } from '../errors.js';
import { targetGroup } from '../support/lookup.js';
import { attributesOf, checkBoolAttribute, checkIntAttribute } from '../support/params.js';
import { readElb, updateElb } from '../support/state.js';
import { attributesXml } from '../wire/xml.js';

export const describeTargetGroupAttributes: AwsQueryAction = (ctx) => {
  const arn = q.requiredStr(ctx.params, 'TargetGroupArn');
  return { Attributes: attributesXml(readElb(ctx, (s) => targetGroup(s, arn).attributes)) };
};

export const modifyTargetGroupAttributes: AwsQueryAction = (ctx) => {
  const arn = q.requiredStr(ctx.params, 'TargetGroupArn');
  const changes = attributesOf(ctx.params, TARGET_GROUP_ATTRIBUTE_DEFAULTS, 'Target group');
  checkIntAttribute(changes, 'deregistration_delay.timeout_seconds', 0, 3600);
  checkIntAttribute(changes, 'slow_start.duration_seconds', 30, 900, [0]);
  checkIntAttribute(changes, 'stickiness.lb_cookie.duration_seconds', 1, 604800);
  checkBoolAttribute(changes, 'stickiness.enabled');
  const algorithm = changes['load_balancing.algorithm.type'];
  if (algorithm !== undefined && !['round_robin', 'least_outstanding_requests', 'weighted_random'].includes(algorithm))
    throw validationError(`'load_balancing.algorithm.type' value '${algorithm}' is not valid`);
  const stickinessType = changes['stickiness.type'];
  if (stickinessType !== undefined && !['lb_cookie', 'app_cookie'].includes(stickinessType))
    throw validationError(`'stickiness.type' value '${stickinessType}' is not valid`);
  const attributes = updateElb(ctx, (s) => {
    const tg = targetGroup(s, arn);
    Object.assign(tg.attributes, changes);
    return tg.attributes;
  });
  return { Attributes: attributesXml(attributes) };
};
