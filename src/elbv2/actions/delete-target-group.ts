import { loadBalancersOfTargetGroup } from '../../domain/elbv2/records.js';
import { type AwsQueryAction, queryParams as q } from '../../protocol/aws-query.js';
import { targetGroupInUse } from '../errors.js';
import { updateElb } from '../support/state.js';

/** Deletes a target group no listener or rule uses (an unknown ARN is no error, as on AWS). */
export const deleteTargetGroup: AwsQueryAction = (ctx) => {
  const arn = q.requiredStr(ctx.params, 'TargetGroupArn');
  updateElb(ctx, (s) => {
    if (!s.targetGroups[arn]) return;
    if (loadBalancersOfTargetGroup(s, arn).length) throw targetGroupInUse(arn);
    delete s.targetGroups[arn];
    delete s.tags[arn];
  });
  return {};
};
