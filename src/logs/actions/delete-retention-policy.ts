import { logGroupNotFound } from '../../domain/logs/errors.js';
import type { LogsAction } from '../context.js';

export const deleteRetentionPolicy: LogsAction = (ctx, input: { logGroupName: string }) => {
  const updated = ctx.logs.updateGroup(ctx.scope, input.logGroupName, (g) => {
    delete g.retentionInDays;
  });
  if (!updated) throw logGroupNotFound();
  return {};
};
