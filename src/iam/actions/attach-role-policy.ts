import { getRole, noSuchPolicy, policyExists } from '../../domain/iam.js';
import type { AwsQueryAction } from '../../protocol/aws-query.js';
import { requiredStr, updateIam } from '../support/state.js';

/** Attaching twice is not an error (IAM answers success). */
export const attachRolePolicy: AwsQueryAction = (ctx) => {
  const roleName = requiredStr(ctx.params, 'RoleName');
  const arn = requiredStr(ctx.params, 'PolicyArn');
  updateIam(ctx, (s) => {
    const role = getRole(s, roleName);
    if (!policyExists(s, arn)) throw noSuchPolicy(arn);
    if (!role.attachedPolicies.includes(arn)) role.attachedPolicies.push(arn);
  });
  return {};
};
