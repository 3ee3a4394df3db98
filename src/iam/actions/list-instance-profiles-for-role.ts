import { getRole } from '../../domain/iam.js';
import { type AwsQueryAction, members } from '../../protocol/aws-query.js';
import { readIam, requiredStr } from '../support/state.js';

/** Instance profiles are not modelled (Fargate has no instances): every role has none. */
export const listInstanceProfilesForRole: AwsQueryAction = (ctx) => {
  const roleName = requiredStr(ctx.params, 'RoleName');
  readIam(ctx, (s) => getRole(s, roleName));
  return { InstanceProfiles: members([]), IsTruncated: false };
};
