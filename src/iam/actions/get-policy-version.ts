import { getPolicy, noSuchPolicyVersion } from '../../domain/iam.js';
import type { AwsQueryAction } from '../../protocol/aws-query.js';
import { timestamp } from '../../protocol/xml.js';
import { readIam, requiredStr } from '../support/state.js';

export const getPolicyVersion: AwsQueryAction = (ctx) => {
  const arn = requiredStr(ctx.params, 'PolicyArn');
  const versionId = requiredStr(ctx.params, 'VersionId');
  return readIam(ctx, (s) => {
    const policy = getPolicy(s, arn);
    const v = policy.versions.find((x) => x.versionId === versionId);
    if (!v) throw noSuchPolicyVersion(arn, versionId);
    return {
      PolicyVersion: {
        Document: encodeURIComponent(v.document),
        VersionId: v.versionId,
        IsDefaultVersion: v.versionId === policy.defaultVersionId,
        CreateDate: timestamp(v.createdAt),
      },
    };
  });
};
