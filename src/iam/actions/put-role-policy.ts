import { checkName, checkPolicyDocument, getRole } from '../../domain/iam.js';
import type { AwsQueryAction } from '../../protocol/aws-query.js';
import { checked, requiredStr, updateIam } from '../support/state.js';

export const putRolePolicy: AwsQueryAction = (ctx) => {
  const roleName = requiredStr(ctx.params, 'RoleName');
  const policyName = requiredStr(ctx.params, 'PolicyName');
  const document = requiredStr(ctx.params, 'PolicyDocument');
  checked(() => {
    checkName('policyName', policyName);
    checkPolicyDocument(document);
  });
  updateIam(ctx, (s) => {
    getRole(s, roleName).inlinePolicies[policyName] = document;
  });
  return {};
};
