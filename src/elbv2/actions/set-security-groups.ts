import { type AwsQueryAction, members, queryParams as q } from '../../protocol/aws-query.js';
import { invalidSecurityGroup } from '../errors.js';
import { loadBalancer } from '../support/lookup.js';
import { updateElb } from '../support/state.js';

/** Replaces the load balancer's security groups (groups of its VPC). */
export const setSecurityGroups: AwsQueryAction = (ctx) => {
  const arn = q.requiredStr(ctx.params, 'LoadBalancerArn');
  const groups = q.strList(ctx.params, 'SecurityGroups');
  const set = updateElb(ctx, (s) => {
    const lb = loadBalancer(s, arn);
    const bad = groups.filter((g) => s.securityGroups[g]?.vpcId !== lb.vpcId);
    if (bad.length) throw invalidSecurityGroup(bad);
    lb.securityGroups = [...groups];
    return lb.securityGroups;
  });
  return { SecurityGroupIds: members(set) };
};
