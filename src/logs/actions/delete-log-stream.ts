import { logStreamNotFound } from '../../domain/logs/errors.js';
import type { LogsAction } from '../context.js';
import { requireGroup } from '../support/groups.js';

export const deleteLogStream: LogsAction = (ctx, input: { logGroupName: string; logStreamName: string }) => {
  requireGroup(ctx, input.logGroupName);
  if (!ctx.logs.deleteStream(ctx.scope, input.logGroupName, input.logStreamName)) throw logStreamNotFound();
  return {};
};
