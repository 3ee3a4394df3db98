// FilterLogEvents: the group's events (all streams, named ones or a name prefix) in time order, filtered by the
// time range and a filter pattern (domain/logs/filter-pattern.ts). `aws logs tail --follow` polls it with the
// newest timestamp it saw as startTime and drops the eventIds it has already printed.
import { streamNamesAndPrefix } from '../../domain/logs/errors.js';
import { eventIdOf, formatFilterToken, mergeStreams, parseFilterToken } from '../../domain/logs/event-windows.js';
import { compileFilterPattern } from '../../domain/logs/filter-pattern.js';
import type { LogsAction } from '../context.js';
import { groupFromNameOrIdentifier } from '../support/groups.js';

interface Input {
  logGroupName?: string;
  logGroupIdentifier?: string;
  logStreamNames?: string[];
  logStreamNamePrefix?: string;
  startTime?: number;
  endTime?: number;
  filterPattern?: string;
  nextToken?: string;
  limit?: number;
}

export const filterLogEvents: LogsAction = (ctx, input: Input) => {
  if (input.logStreamNames !== undefined && input.logStreamNamePrefix !== undefined) throw streamNamesAndPrefix();
  const group = groupFromNameOrIdentifier(ctx, input);
  const matches = compileFilterPattern(input.filterPattern);
  const cursor = input.nextToken ? parseFilterToken(input.nextToken) : undefined;
  const names = new Set(input.logStreamNames ?? []);
  const streams = ctx.logs
    .listStreams(ctx.scope, group.name)
    .filter((s) => input.logStreamNames === undefined || names.has(s.name))
    .filter((s) => input.logStreamNamePrefix === undefined || s.name.startsWith(input.logStreamNamePrefix))
    .filter((s) => s.lastEventTimestamp !== undefined);
  const notBefore = Math.max(input.startTime ?? 0, cursor?.timestamp ?? 0);
  const sources = streams.map((s) => ({
    name: s.name,
    events: ctx.logs.forward(ctx.scope, group.name, s.name, s.firstIndex, notBefore),
  }));
  const range = { startTime: input.startTime, endTime: input.endTime };
  const page = mergeStreams(sources, range, matches, input.limit ?? 10_000, cursor);
  const last = page.events.at(-1);
  return {
    events: page.events.map((e) => ({
      logStreamName: e.logStreamName,
      timestamp: e.timestamp,
      message: e.message,
      ingestionTime: e.ingestionTime,
      eventId: eventIdOf(e),
    })),
    searchedLogStreams: streams.map((s) => ({ logStreamName: s.name, searchedCompletely: !page.more })),
    ...(page.more && last
      ? { nextToken: formatFilterToken({ timestamp: last.timestamp, stream: last.logStreamName, index: last.index }) }
      : {}),
  };
};
