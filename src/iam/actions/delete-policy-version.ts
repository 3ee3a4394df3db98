import { deleteConflict, getPolicy, noSuchPolicyVersion } from '../../domain/iam.js';
import type { AwsQueryAction } from '../../protocol/aws-query.js';
import { requiredStr, updateIam } from '../support/state.js';

export const deletePolicyVersion: AwsQueryAction = (ctx) => {
  const arn = requiredStr(ctx.params, 'PolicyArn');
  const versionId = requiredStr(ctx.params, 'VersionId');
  updateIam(ctx, (s) => {
    const policy = getPolicy(s, arn);
    if (!policy.versions.some((v) => v.versionId === versionId)) throw noSuchPolicyVersion(arn, versionId);
    if (policy.defaultVersionId === versionId) throw deleteConflict('Cannot delete the default version of a policy.');
    policy.versions = policy.versions.filter((v) => v.versionId !== versionId);
  });
  return {};
};
