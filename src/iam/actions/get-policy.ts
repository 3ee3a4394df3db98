import { AWS_MANAGED_POLICY_PREFIX, attachmentCount, getPolicy as find } from '../../domain/iam.js';
import type { AwsQueryAction } from '../../protocol/aws-query.js';
import { readIam, requiredStr } from '../support/state.js';
import { awsManagedPolicyXml, policyXml } from '../wire/iam.js';

export const getPolicy: AwsQueryAction = (ctx) => {
  const arn = requiredStr(ctx.params, 'PolicyArn');
  return readIam(ctx, (s) => ({
    Policy: arn.startsWith(AWS_MANAGED_POLICY_PREFIX)
      ? awsManagedPolicyXml(arn, attachmentCount(s, arn))
      : policyXml(find(s, arn), attachmentCount(s, arn)),
  }));
};
