import { attachmentCount, deleteConflict, getPolicy } from '../../domain/iam.js';
import type { AwsQueryAction } from '../../protocol/aws-query.js';
import { requiredStr, updateIam } from '../support/state.js';

/** Refused while attached or while it has versions besides the default one, as IAM does. */
export const deletePolicy: AwsQueryAction = (ctx) => {
  const arn = requiredStr(ctx.params, 'PolicyArn');
  updateIam(ctx, (s) => {
    const policy = getPolicy(s, arn);
    if (attachmentCount(s, arn) > 0) throw deleteConflict('Cannot delete a policy attached to entities.');
    if (policy.versions.length > 1) throw deleteConflict('Cannot delete a policy with non-default versions. Delete them first.');
    delete s.iamPolicies[arn];
  });
  return {};
};
