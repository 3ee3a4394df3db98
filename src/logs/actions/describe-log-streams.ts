import { orderByLastEventTimeWithPrefix } from '../../domain/logs/errors.js';
import type { LogStreamView } from '../../domain/logs/model.js';
import { paginate } from '../../domain/pagination.js';
import type { LogsAction } from '../context.js';
import { groupFromNameOrIdentifier } from '../support/groups.js';
import { logStreamToWire } from '../wire/log-stream.js';

interface Input {
  logGroupName?: string;
  logGroupIdentifier?: string;
  logStreamNamePrefix?: string;
  orderBy?: 'LogStreamName' | 'LastEventTime';
  descending?: boolean;
  nextToken?: string;
  limit?: number;
}

/** A key that sorts strings in reverse order (the terminator puts "ab" before "a"). */
const reversed = (text: string) => `${Array.from(text, (c) => String.fromCharCode(0xffff - c.charCodeAt(0))).join('')}\uffff`;

export const describeLogStreams: LogsAction = (ctx, input: Input) => {
  const byTime = input.orderBy === 'LastEventTime';
  if (byTime && input.logStreamNamePrefix !== undefined) throw orderByLastEventTimeWithPrefix();
  const group = groupFromNameOrIdentifier(ctx, input);
  const descending = input.descending === true;
  const keyOf = (s: LogStreamView) => {
    const name = descending ? reversed(s.name) : s.name;
    if (!byTime) return name;
    const t = s.lastEventTimestamp ?? 0;
    return `${String(descending ? Number.MAX_SAFE_INTEGER - t : t).padStart(16, '0')}\u0000${name}`;
  };
  const streams = ctx.logs
    .listStreams(ctx.scope, group.name)
    .filter((s) => input.logStreamNamePrefix === undefined || s.name.startsWith(input.logStreamNamePrefix))
    .map((s) => ({ s, key: keyOf(s) }))
    .sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  const page = paginate(streams, (e) => e.key, { maxResults: input.limit, nextToken: input.nextToken }, { defaultSize: 50, max: 50 });
  return {
    logStreams: page.items.map(({ s }) => logStreamToWire(ctx.scope, group.name, s)),
    ...(page.nextToken ? { nextToken: page.nextToken } : {}),
  };
};
