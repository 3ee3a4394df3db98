import { logGroupExists } from '../../domain/logs/errors.js';
import type { LogGroupClass } from '../../domain/logs/model.js';
import type { LogsAction } from '../context.js';

interface Input {
  logGroupName: string;
  kmsKeyId?: string;
  tags?: Record<string, string>;
  logGroupClass?: LogGroupClass;
}

export const createLogGroup: LogsAction = (ctx, input: Input) => {
  const created = ctx.logs.createGroup(ctx.scope, {
    name: input.logGroupName,
    creationTime: ctx.deps.clock.now(),
    ...(input.kmsKeyId !== undefined ? { kmsKeyId: input.kmsKeyId } : {}),
    logGroupClass: input.logGroupClass ?? 'STANDARD',
    tags: { ...(input.tags ?? {}) },
  });
  if (!created) throw logGroupExists();
  return {};
};
