// PutLogEvents: a batch in chronological order, spanning at most 24 hours. Events more than 2 hours in the future,
// more than 14 days old or older than the group's retention are not stored; rejectedLogEventsInfo says which.
import { batchSpansTooLong, eventsNotInOrder } from '../../domain/logs/errors.js';
import { cutoffFor } from '../../domain/logs/retention.js';
import type { InputLogEvent } from '../../domain/logs/model.js';
import type { LogsAction } from '../context.js';
import { requireGroup, requireStream } from '../support/groups.js';
import { sequenceToken } from '../wire/log-stream.js';

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;

interface Input {
  logGroupName: string;
  logStreamName: string;
  logEvents: InputLogEvent[];
}

export const putLogEvents: LogsAction = (ctx, input: Input) => {
  const group = requireGroup(ctx, input.logGroupName);
  requireStream(ctx, input.logGroupName, input.logStreamName);
  const events = input.logEvents;
  for (let i = 1; i < events.length; i++) if (events[i]!.timestamp < events[i - 1]!.timestamp) throw eventsNotInOrder();
  if (events.length > 1 && events.at(-1)!.timestamp - events[0]!.timestamp > DAY_MS) throw batchSpansTooLong();

  const now = ctx.deps.clock.now();
  const tooOldBefore = now - 14 * DAY_MS;
  const expiredBefore = cutoffFor(group, now);
  let tooOldEnd = -1;
  let expiredEnd = -1;
  let tooNewStart = -1;
  events.forEach((e, i) => {
    if (e.timestamp < expiredBefore) expiredEnd = i;
    else if (e.timestamp < tooOldBefore) tooOldEnd = i;
    if (tooNewStart < 0 && e.timestamp > now + 2 * HOUR_MS) tooNewStart = i;
  });
  const first = Math.max(tooOldEnd, expiredEnd) + 1;
  const accepted = events.slice(first, tooNewStart < 0 ? events.length : tooNewStart);
  ctx.logs.append(ctx.scope, input.logGroupName, input.logStreamName, accepted, now);
  const stream = requireStream(ctx, input.logGroupName, input.logStreamName);
  const rejected = {
    ...(tooNewStart >= 0 ? { tooNewLogEventStartIndex: tooNewStart } : {}),
    ...(tooOldEnd >= 0 ? { tooOldLogEventEndIndex: tooOldEnd } : {}),
    ...(expiredEnd >= 0 ? { expiredLogEventEndIndex: expiredEnd } : {}),
  };
  return {
    nextSequenceToken: sequenceToken(stream.nextIndex),
    ...(Object.keys(rejected).length > 0 ? { rejectedLogEventsInfo: rejected } : {}),
  };
};
