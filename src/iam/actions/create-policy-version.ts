import { checkPolicyDocument, getPolicy, limitExceeded, MAX_POLICY_VERSIONS } from '../../domain/iam.js';
import type { AwsQueryAction } from '../../protocol/aws-query.js';
import { timestamp } from '../../protocol/xml.js';
import { bool, checked, requiredStr, updateIam } from '../support/state.js';

export const createPolicyVersion: AwsQueryAction = (ctx) => {
  const arn = requiredStr(ctx.params, 'PolicyArn');
  const document = requiredStr(ctx.params, 'PolicyDocument');
  const setDefault = bool(ctx.params, 'SetAsDefault') ?? false;
  checked(() => checkPolicyDocument(document));
  const { version, isDefault } = updateIam(ctx, (s) => {
    const policy = getPolicy(s, arn);
    if (policy.versions.length >= MAX_POLICY_VERSIONS)
      throw limitExceeded(
        `A managed policy can have up to ${MAX_POLICY_VERSIONS} versions. Before you create a new version, you must delete an existing version.`,
      );
    const now = ctx.deps.clock.now();
    const v = { versionId: `v${policy.nextVersion}`, document, createdAt: now };
    policy.nextVersion += 1;
    policy.versions.push(v);
    policy.updatedAt = now;
    if (setDefault) policy.defaultVersionId = v.versionId;
    return { version: v, isDefault: setDefault };
  });
  return { PolicyVersion: { VersionId: version.versionId, IsDefaultVersion: isDefault, CreateDate: timestamp(version.createdAt) } };
};
