import { invalidParameter } from '../../domain/logs/errors.js';
import { paginate } from '../../domain/pagination.js';
import type { LogsAction } from '../context.js';
import { logGroupToWire } from '../wire/log-group.js';

interface Input {
  logGroupNamePrefix?: string;
  logGroupNamePattern?: string;
  logGroupClass?: string;
  nextToken?: string;
  limit?: number;
}

export const describeLogGroups: LogsAction = (ctx, input: Input) => {
  if (input.logGroupNamePrefix !== undefined && input.logGroupNamePattern !== undefined) {
    throw invalidParameter('LogGroup name prefix and LogGroup name pattern are mutually exclusive parameters.');
  }
  const pattern = input.logGroupNamePattern?.toLowerCase();
  const groups = ctx.logs
    .listGroups(ctx.scope)
    .filter((g) => input.logGroupNamePrefix === undefined || g.name.startsWith(input.logGroupNamePrefix))
    .filter((g) => pattern === undefined || g.name.toLowerCase().includes(pattern))
    .filter((g) => input.logGroupClass === undefined || g.logGroupClass === input.logGroupClass);
  const page = paginate(groups, (g) => g.name, { maxResults: input.limit, nextToken: input.nextToken }, { defaultSize: 50, max: 50 });
  return {
    logGroups: page.items.map((g) => logGroupToWire(ctx.scope, g)),
    ...(page.nextToken ? { nextToken: page.nextToken } : {}),
  };
};
