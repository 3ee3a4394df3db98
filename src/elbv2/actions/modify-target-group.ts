import { loadBalancersOfTargetGroup } from '../../domain/elbv2/records.js';
import { type AwsQueryAction, members, queryParams as q } from '../../protocol/aws-query.js';
import { healthCheckOf } from '../support/health-check-params.js';
import { targetGroup } from '../support/lookup.js';
import { updateElb } from '../support/state.js';
import { targetGroupXml } from '../wire/xml.js';

export const modifyTargetGroup: AwsQueryAction = (ctx) => {
  const arn = q.requiredStr(ctx.params, 'TargetGroupArn');
  const { tg, lbs } = updateElb(ctx, (s) => {
    const record = targetGroup(s, arn);
    record.healthCheck = healthCheckOf(ctx.params, record.healthCheck);
    return { tg: record, lbs: loadBalancersOfTargetGroup(s, arn) };
  });
  return { TargetGroups: members([targetGroupXml(tg, lbs)]) };
};
