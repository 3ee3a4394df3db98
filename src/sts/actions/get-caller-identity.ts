import { rootPrincipalArn } from '../../domain/arn.js';
import type { AwsQueryAction } from '../../protocol/aws-query.js';

/** Who is asking: the account the request resolves to (see request-scope.ts), as its root user. */
export const getCallerIdentity: AwsQueryAction = (ctx) => ({
  UserId: ctx.scope.accountId,
  Account: ctx.scope.accountId,
  Arn: rootPrincipalArn(ctx.scope),
});
