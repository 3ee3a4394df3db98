import { getRole, noSuchRolePolicy } from '../../domain/iam.js';
import type { AwsQueryAction } from '../../protocol/aws-query.js';
import { requiredStr, updateIam } from '../support/state.js';

export const deleteRolePolicy: AwsQueryAction = (ctx) => {
  const roleName = requiredStr(ctx.params, 'RoleName');
  const policyName = requiredStr(ctx.params, 'PolicyName');
  updateIam(ctx, (s) => {
    const role = getRole(s, roleName);
    if (role.inlinePolicies[policyName] === undefined) throw noSuchRolePolicy(policyName);
    delete role.inlinePolicies[policyName];
  });
  return {};
};
