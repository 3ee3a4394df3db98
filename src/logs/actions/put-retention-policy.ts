import { invalidParameter, logGroupNotFound } from '../../domain/logs/errors.js';
import { mustSatisfyEnum, validationErrorsDetected } from '../../protocol/coral-messages.js';
import type { LogsAction } from '../context.js';
import { RETENTION_DAYS } from '../support/shapes.js';

export const putRetentionPolicy: LogsAction = (ctx, input: { logGroupName: string; retentionInDays: number }) => {
  if (!RETENTION_DAYS.includes(input.retentionInDays)) {
    throw invalidParameter(
      validationErrorsDetected([mustSatisfyEnum(input.retentionInDays, 'retentionInDays', RETENTION_DAYS.map(String))]),
    );
  }
  const updated = ctx.logs.updateGroup(ctx.scope, input.logGroupName, (g) => {
    g.retentionInDays = input.retentionInDays;
  });
  if (!updated) throw logGroupNotFound();
  ctx.logs.enforceRetention(ctx.deps.clock.now());
  return {};
};
