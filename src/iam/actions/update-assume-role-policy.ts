import { checkPolicyDocument, getRole } from '../../domain/iam.js';
import type { AwsQueryAction } from '../../protocol/aws-query.js';
import { checked, requiredStr, updateIam } from '../support/state.js';

export const updateAssumeRolePolicy: AwsQueryAction = (ctx) => {
  const name = requiredStr(ctx.params, 'RoleName');
  const document = requiredStr(ctx.params, 'PolicyDocument');
  checked(() => checkPolicyDocument(document));
  updateIam(ctx, (s) => {
    getRole(s, name).assumeRolePolicyDocument = document;
  });
  return {};
};
