// Which events GetLogEvents and FilterLogEvents return, and the tokens that continue them, as pure functions over
// a stream's events (the log store supplies them lazily, oldest or newest first).
//
// GetLogEvents tokens name a position between events: `f/<n>` reads forward from event n, `b/<n>` reads
// backward from just below event n. At the end of the stream AWS returns the very token it was given, which is
// how readers know they have caught up (`aws logs get-log-events`, the SDKs' paginators stop on it).
import { invalidNextToken } from './errors.js';
import type { StoredLogEvent } from './model.js';

/** Most bytes of events in one answer (each event counts its UTF-8 message plus 26 bytes, as PutLogEvents does). */
export const MAX_RESPONSE_BYTES = 1_048_576;
export const EVENT_OVERHEAD_BYTES = 26;

export interface TimeRange {
  startTime?: number;
  endTime?: number;
}

export const inRange = (range: TimeRange, timestamp: number) =>
  (range.startTime === undefined || timestamp >= range.startTime) && (range.endTime === undefined || timestamp < range.endTime);

export type Direction = 'forward' | 'backward';

export interface StreamToken {
  direction: Direction;
  position: number;
}

export const formatStreamToken = ({ direction, position }: StreamToken) =>
  `${direction === 'forward' ? 'f' : 'b'}/${String(position).padStart(56, '0')}/s`;

export function parseStreamToken(token: string): StreamToken {
  const m = /^([fb])\/(\d{1,56})(\/s)?$/.exec(token);
  const position = m ? Number(m[2]) : Number.NaN;
  if (!m || !Number.isSafeInteger(position)) throw invalidNextToken();
  return { direction: m[1] === 'f' ? 'forward' : 'backward', position };
}

export interface StreamWindow {
  events: StoredLogEvent[];
  nextForwardToken: string;
  nextBackwardToken: string;
}

/**
 * Takes up to `limit` events in `range` from `source` (already positioned: oldest-first from the start position
 * when reading forward, newest-first from it when reading backward) and the tokens around them.
 */
export function takeWindow(
  source: Iterable<StoredLogEvent>,
  direction: Direction,
  start: number,
  range: TimeRange,
  limit: number,
): StreamWindow {
  const taken: StoredLogEvent[] = [];
  let bytes = 0;
  for (const event of source) {
    if (!inRange(range, event.timestamp)) continue;
    const size = Buffer.byteLength(event.message) + EVENT_OVERHEAD_BYTES;
    if (taken.length >= limit || (taken.length > 0 && bytes + size > MAX_RESPONSE_BYTES)) break;
    taken.push(event);
    bytes += size;
  }
  if (direction === 'backward') taken.reverse();
  if (taken.length === 0) {
    return {
      events: [],
      nextForwardToken: formatStreamToken({ direction: 'forward', position: start }),
      nextBackwardToken: formatStreamToken({ direction: 'backward', position: start }),
    };
  }
  return {
    events: taken,
    nextForwardToken: formatStreamToken({ direction: 'forward', position: taken.at(-1)!.index + 1 }),
    nextBackwardToken: formatStreamToken({ direction: 'backward', position: taken[0]!.index }),
  };
}

// ---- FilterLogEvents -------------------------------------------------------------------------------------------

export interface GroupEvent extends StoredLogEvent {
  logStreamName: string;
}

/** Where a FilterLogEvents page ended: events are ordered by (timestamp, stream name, index). */
export interface FilterCursor {
  timestamp: number;
  stream: string;
  index: number;
}

const after = (e: GroupEvent, c: FilterCursor) =>
  e.timestamp > c.timestamp ||
  (e.timestamp === c.timestamp && (e.logStreamName > c.stream || (e.logStreamName === c.stream && e.index > c.index)));

const before = (a: GroupEvent, b: GroupEvent) =>
  a.timestamp < b.timestamp ||
  (a.timestamp === b.timestamp && (a.logStreamName < b.logStreamName || (a.logStreamName === b.logStreamName && a.index < b.index)));

// FilterLogEvents' token is keyed by the last event returned, like the shared scheme (domain/pagination.ts), but
// its key is a (timestamp, stream, index) tuple over events merged lazily from the log store, oldest first, and
// it answers the limit in events and bytes, so it keeps its own cursor. GetLogEvents' tokens (above) are
// positions with a direction, as AWS's are, not keys.
export function formatFilterToken(cursor: FilterCursor): string {
  return Buffer.from(JSON.stringify([cursor.timestamp, cursor.stream, cursor.index]), 'utf8').toString('base64url');
}

export function parseFilterToken(token: string): FilterCursor {
  try {
    const [timestamp, stream, index] = JSON.parse(Buffer.from(token, 'base64url').toString('utf8')) as unknown[];
    if (typeof timestamp === 'number' && typeof stream === 'string' && typeof index === 'number') return { timestamp, stream, index };
  } catch {
    // fall through
  }
  throw invalidNextToken();
}

/**
 * Merges the streams' events (each oldest first) into one page ordered by time: up to `limit` events in `range`
 * that `matches` accepts and that come after `cursor`; `more` says whether another page follows.
 */
export function mergeStreams(
  streams: readonly { name: string; events: Iterable<StoredLogEvent> }[],
  range: TimeRange,
  matches: (message: string) => boolean,
  limit: number,
  cursor?: FilterCursor,
): { events: GroupEvent[]; more: boolean } {
  const heads = streams.map(({ name, events }) => {
    const iterator = events[Symbol.iterator]();
    const next = (): GroupEvent | undefined => {
      for (;;) {
        const r = iterator.next();
        if (r.done) return undefined;
        const e = { ...r.value, logStreamName: name };
        if (range.endTime !== undefined && e.timestamp >= range.endTime) continue;
        if (!inRange(range, e.timestamp) || (cursor && !after(e, cursor)) || !matches(e.message)) continue;
        return e;
      }
    };
    return { next, head: next() };
  });
  const events: GroupEvent[] = [];
  let bytes = 0;
  for (;;) {
    let best: (typeof heads)[number] | undefined;
    for (const h of heads) if (h.head && (!best || before(h.head, best.head!))) best = h;
    if (!best) return { events, more: false };
    const size = Buffer.byteLength(best.head!.message) + EVENT_OVERHEAD_BYTES;
    if (events.length >= limit || (events.length > 0 && bytes + size > MAX_RESPONSE_BYTES)) return { events, more: true };
    events.push(best.head!);
    bytes += size;
    best.head = best.next();
  }
}

/** A stable numeric event id (FilterLogEvents' eventId; `aws logs tail --follow` de-duplicates by it). */
export function eventIdOf(event: GroupEvent): string {
  let hash = 0x811c9dc5;
  for (let i = 0; i < event.logStreamName.length; i++) {
    hash ^= event.logStreamName.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return `${String(event.timestamp).padStart(16, '0')}${String(hash).padStart(10, '0')}${String(event.index).padStart(16, '0')}`;
}
