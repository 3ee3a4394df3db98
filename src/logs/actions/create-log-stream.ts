import { logStreamExists } from '../../domain/logs/errors.js';
import type { LogsAction } from '../context.js';
import { requireGroup } from '../support/groups.js';

export const createLogStream: LogsAction = (ctx, input: { logGroupName: string; logStreamName: string }) => {
  requireGroup(ctx, input.logGroupName);
  if (!ctx.logs.createStream(ctx.scope, input.logGroupName, input.logStreamName, ctx.deps.clock.now())) throw logStreamExists();
  return {};
};
