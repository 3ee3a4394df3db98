import { deleteConflict, getRole } from '../../domain/iam.js';
import type { AwsQueryAction } from '../../protocol/aws-query.js';
import { requiredStr, updateIam } from '../support/state.js';

/** Refused while the role has inline or attached policies, as IAM does. */
export const deleteRole: AwsQueryAction = (ctx) => {
  const name = requiredStr(ctx.params, 'RoleName');
  updateIam(ctx, (s) => {
    const role = getRole(s, name);
    if (Object.keys(role.inlinePolicies).length || role.attachedPolicies.length)
      throw deleteConflict('Cannot delete entity, must delete policies first.');
    delete s.iamRoles[name];
  });
  return {};
};
