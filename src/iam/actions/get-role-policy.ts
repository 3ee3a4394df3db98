import { getRole, noSuchRolePolicy } from '../../domain/iam.js';
import type { AwsQueryAction } from '../../protocol/aws-query.js';
import { readIam, requiredStr } from '../support/state.js';

export const getRolePolicy: AwsQueryAction = (ctx) => {
  const roleName = requiredStr(ctx.params, 'RoleName');
  const policyName = requiredStr(ctx.params, 'PolicyName');
  const document = readIam(ctx, (s) => {
    const d = getRole(s, roleName).inlinePolicies[policyName];
    if (d === undefined) throw noSuchRolePolicy(policyName);
    return d;
  });
  return { RoleName: roleName, PolicyName: policyName, PolicyDocument: encodeURIComponent(document) };
};
