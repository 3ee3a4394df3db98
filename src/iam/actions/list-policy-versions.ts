import { getPolicy } from '../../domain/iam.js';
import { type AwsQueryAction, members } from '../../protocol/aws-query.js';
import { timestamp } from '../../protocol/xml.js';
import { readIam, requiredStr } from '../support/state.js';

export const listPolicyVersions: AwsQueryAction = (ctx) => {
  const arn = requiredStr(ctx.params, 'PolicyArn');
  const policy = readIam(ctx, (s) => getPolicy(s, arn));
  return {
    Versions: members(
      [...policy.versions].reverse().map((v) => ({
        VersionId: v.versionId,
        IsDefaultVersion: v.versionId === policy.defaultVersionId,
        CreateDate: timestamp(v.createdAt),
      })),
    ),
    IsTruncated: false,
  };
};
