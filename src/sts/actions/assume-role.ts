import { AwsQueryError, queryParams } from '../../protocol/aws-query.js';
import type { AwsQueryAction } from '../../protocol/aws-query.js';
import { timestamp } from '../../protocol/xml.js';

const ROLE_ARN = /^arn:aws[a-z-]*:iam::(\d{12}):role\/(?:[^/]+\/)*([\w+=,.@-]+)$/;

/**
 * Temporary credentials for any role ARN (nothing is enforced, and the role need not exist here). The keys are
 * fake and unique; the session is named as asked.
 */
export const assumeRole: AwsQueryAction = (ctx) => {
  const roleArn = queryParams.requiredStr(ctx.params, 'RoleArn');
  const session = queryParams.requiredStr(ctx.params, 'RoleSessionName');
  const duration = queryParams.int(ctx.params, 'DurationSeconds') ?? 3600;
  const m = ROLE_ARN.exec(roleArn);
  if (!m) throw new AwsQueryError('ValidationError', `${roleArn} is invalid`);
  if (duration < 900 || duration > 43200)
    throw new AwsQueryError(
      'ValidationError',
      `1 validation error detected: Value '${duration}' at 'durationSeconds' failed to satisfy constraint: Member must have value less than or equal to 43200`,
    );
  const hex = ctx.deps.ids.hex32().toUpperCase();
  const roleId = `AROA${hex.slice(0, 17)}`;
  return {
    Credentials: {
      AccessKeyId: `ASIA${hex.slice(0, 16)}`,
      SecretAccessKey: ctx.deps.ids.hex32() + ctx.deps.ids.hex32().slice(0, 8),
      SessionToken: Buffer.from(ctx.deps.ids.uuid()).toString('base64'),
      Expiration: timestamp(ctx.deps.clock.now() + duration * 1000),
    },
    AssumedRoleUser: { AssumedRoleId: `${roleId}:${session}`, Arn: `arn:aws:sts::${m[1]}:assumed-role/${m[2]}/${session}` },
  };
};
