import { describe, expect, it } from 'vitest';
import {
  eventIdOf,
  formatStreamToken,
  mergeStreams,
  parseFilterToken,
  formatFilterToken,
  parseStreamToken,
  takeWindow,
} from './event-windows.js';
import type { StoredLogEvent } from './model.js';

const stream = (n: number, t0 = 1000, step = 10): StoredLogEvent[] =>
  Array.from({ length: n }, (_, i) => ({ index: i, timestamp: t0 + i * step, ingestionTime: 0, message: `m${i}` }));
const forwardFrom = (events: StoredLogEvent[], from: number) => events.filter((e) => e.index >= from);
const backwardFrom = (events: StoredLogEvent[], below: number) => events.filter((e) => e.index < below).reverse();

describe('GetLogEvents windows and tokens', () => {
  const events = stream(10);

  it('tokens round-trip and bad ones are refused', () => {
    const token = formatStreamToken({ direction: 'forward', position: 42 });
    expect(token).toMatch(/^f\/0{54}42\/s$/);
    expect(parseStreamToken(token)).toEqual({ direction: 'forward', position: 42 });
    expect(parseStreamToken('b/7')).toEqual({ direction: 'backward', position: 7 });
    expect(() => parseStreamToken('x/1')).toThrow('The specified nextToken is invalid.');
  });

  it('reading forward to the end gives back the same token', () => {
    const first = takeWindow(forwardFrom(events, 0), 'forward', 0, {}, 4);
    expect(first.events.map((e) => e.index)).toEqual([0, 1, 2, 3]);
    expect(first.nextForwardToken).toBe(formatStreamToken({ direction: 'forward', position: 4 }));
    const rest = takeWindow(forwardFrom(events, 4), 'forward', 4, {}, 100);
    expect(rest.events).toHaveLength(6);
    const end = parseStreamToken(rest.nextForwardToken).position;
    const caughtUp = takeWindow(forwardFrom(events, end), 'forward', end, {}, 100);
    expect(caughtUp.events).toEqual([]);
    expect(caughtUp.nextForwardToken).toBe(rest.nextForwardToken);
  });

  it('reading backward returns the newest events oldest first', () => {
    const last = takeWindow(backwardFrom(events, 10), 'backward', 10, {}, 3);
    expect(last.events.map((e) => e.index)).toEqual([7, 8, 9]);
    expect(last.nextBackwardToken).toBe(formatStreamToken({ direction: 'backward', position: 7 }));
    const older = takeWindow(backwardFrom(events, 7), 'backward', 7, {}, 3);
    expect(older.events.map((e) => e.index)).toEqual([4, 5, 6]);
  });

  it('startTime is inclusive and endTime exclusive', () => {
    const w = takeWindow(forwardFrom(events, 0), 'forward', 0, { startTime: 1020, endTime: 1050 }, 100);
    expect(w.events.map((e) => e.timestamp)).toEqual([1020, 1030, 1040]);
  });
});

describe('FilterLogEvents merging', () => {
  it('interleaves streams by time, then stream name, and pages with a cursor', () => {
    const a = stream(5, 1000, 10);
    const b = stream(5, 1005, 10);
    const all = mergeStreams(
      [
        { name: 'b', events: b },
        { name: 'a', events: a },
      ],
      {},
      () => true,
      100,
    );
    expect(all.events.map((e) => `${e.logStreamName}${e.index}`)).toEqual(['a0', 'b0', 'a1', 'b1', 'a2', 'b2', 'a3', 'b3', 'a4', 'b4']);
    const page = mergeStreams(
      [
        { name: 'a', events: a },
        { name: 'b', events: b },
      ],
      {},
      () => true,
      3,
    );
    expect(page.more).toBe(true);
    const last = page.events.at(-1)!;
    const cursor = parseFilterToken(formatFilterToken({ timestamp: last.timestamp, stream: last.logStreamName, index: last.index }));
    const next = mergeStreams(
      [
        { name: 'a', events: a },
        { name: 'b', events: b },
      ],
      {},
      () => true,
      3,
      cursor,
    );
    expect(next.events.map((e) => `${e.logStreamName}${e.index}`)).toEqual(['b1', 'a2', 'b2']);
  });

  it('applies the time range and the pattern; event ids are stable and distinct', () => {
    const a = stream(5, 1000, 10);
    const r = mergeStreams([{ name: 'a', events: a }], { startTime: 1010, endTime: 1040 }, (m) => m !== 'm2', 100);
    expect(r.events.map((e) => e.index)).toEqual([1, 3]);
    expect(eventIdOf(r.events[0]!)).toMatch(/^\d+$/);
    expect(eventIdOf(r.events[0]!)).not.toBe(eventIdOf(r.events[1]!));
    expect(() => parseFilterToken('garbage')).toThrow('The specified nextToken is invalid.');
  });
});
