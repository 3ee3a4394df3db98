// Finding the log group and stream a request names, with AWS's errors when they are not there.
import { parseLogGroupArn } from '../../domain/arn.js';
import { groupNameAndIdentifier, invalidParameter, logGroupNotFound, logStreamNotFound } from '../../domain/logs/errors.js';
import type { LogGroupView, LogStreamView } from '../../domain/logs/model.js';
import type { LogsContext } from '../context.js';

export function requireGroup(ctx: LogsContext, name: string): LogGroupView {
  const group = ctx.logs.getGroup(ctx.scope, name);
  if (!group) throw logGroupNotFound();
  return group;
}

/** The group of calls that take `logGroupName` or `logGroupIdentifier` (a name or an ARN), exactly one of them. */
export function groupFromNameOrIdentifier(ctx: LogsContext, input: { logGroupName?: string; logGroupIdentifier?: string }): LogGroupView {
  if (input.logGroupName !== undefined && input.logGroupIdentifier !== undefined) throw groupNameAndIdentifier();
  const ref = input.logGroupName ?? input.logGroupIdentifier;
  if (ref === undefined) throw invalidParameter('Either logGroupName or logGroupIdentifier must be specified.');
  if (!ref.startsWith('arn:')) return requireGroup(ctx, ref);
  const arn = parseLogGroupArn(ref);
  if (!arn || arn.accountId !== ctx.scope.accountId || arn.region !== ctx.scope.region) throw logGroupNotFound();
  return requireGroup(ctx, arn.name);
}

export function requireStream(ctx: LogsContext, group: string, name: string): LogStreamView {
  const stream = ctx.logs.getStream(ctx.scope, group, name);
  if (!stream) throw logStreamNotFound();
  return stream;
}
