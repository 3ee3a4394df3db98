// Tags of log groups (the only taggable Logs resource here), by ARN (TagResource & co.) or by name (the older
// TagLogGroup & co., which Terraform's aws_cloudwatch_log_group still uses in places).
import { parseLogGroupArn } from '../../domain/arn.js';
import { invalidParameter, LogsError, resourceNotFound } from '../../domain/logs/errors.js';
import type { LogsContext } from '../context.js';

export const MAX_TAGS = 50;

/** The log group named by a resource ARN (with or without `:*`). */
export function groupNameOfArn(ctx: LogsContext, arn: string): string {
  const parsed = parseLogGroupArn(arn);
  if (!parsed) {
    if (/^arn:[a-z-]+:logs:/.test(arn)) throw resourceNotFound();
    throw invalidParameter(`Invalid resource ARN: ${arn}`);
  }
  if (parsed.accountId !== ctx.scope.accountId || parsed.region !== ctx.scope.region) throw resourceNotFound();
  return parsed.name;
}

export function addTags(ctx: LogsContext, group: string, tags: Record<string, string>, notFound: () => LogsError): void {
  const existing = ctx.logs.getGroup(ctx.scope, group);
  if (!existing) throw notFound();
  const merged = { ...existing.tags, ...tags };
  if (Object.keys(merged).length > MAX_TAGS) {
    throw new LogsError('TooManyTagsException', `A resource can have no more than ${MAX_TAGS} tags.`);
  }
  ctx.logs.updateGroup(ctx.scope, group, (g) => {
    g.tags = merged;
  });
}

export function removeTags(ctx: LogsContext, group: string, keys: readonly string[], notFound: () => LogsError): void {
  const updated = ctx.logs.updateGroup(ctx.scope, group, (g) => {
    for (const key of keys) delete g.tags[key];
  });
  if (!updated) throw notFound();
}

export function tagsOf(ctx: LogsContext, group: string, notFound: () => LogsError): Record<string, string> {
  const existing = ctx.logs.getGroup(ctx.scope, group);
  if (!existing) throw notFound();
  return existing.tags;
}
