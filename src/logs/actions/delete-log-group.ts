import { logGroupNotFound } from '../../domain/logs/errors.js';
import type { LogsAction } from '../context.js';

export const deleteLogGroup: LogsAction = (ctx, input: { logGroupName: string }) => {
  if (!ctx.logs.deleteGroup(ctx.scope, input.logGroupName)) throw logGroupNotFound();
  return {};
};
