// GetLogEvents: without a token, the newest events (or the oldest with startFromHead); with one, onwards from
// where the token points. At the end AWS gives back the token it was given.
import { parseStreamToken, type StreamToken, takeWindow } from '../../domain/logs/event-windows.js';
import type { LogsAction } from '../context.js';
import { groupFromNameOrIdentifier, requireStream } from '../support/groups.js';

interface Input {
  logGroupName?: string;
  logGroupIdentifier?: string;
  logStreamName: string;
  startTime?: number;
  endTime?: number;
  nextToken?: string;
  limit?: number;
  startFromHead?: boolean;
}

export const getLogEvents: LogsAction = (ctx, input: Input) => {
  const group = groupFromNameOrIdentifier(ctx, input);
  const stream = requireStream(ctx, group.name, input.logStreamName);
  const token: StreamToken = input.nextToken
    ? parseStreamToken(input.nextToken)
    : input.startFromHead
      ? { direction: 'forward', position: stream.firstIndex }
      : { direction: 'backward', position: stream.nextIndex };
  const source =
    token.direction === 'forward'
      ? ctx.logs.forward(ctx.scope, group.name, stream.name, token.position)
      : ctx.logs.backward(ctx.scope, group.name, stream.name, token.position);
  const range = { startTime: input.startTime, endTime: input.endTime };
  const window = takeWindow(source, token.direction, token.position, range, input.limit ?? 10_000);
  return {
    events: window.events.map((e) => ({ timestamp: e.timestamp, message: e.message, ingestionTime: e.ingestionTime })),
    nextForwardToken: window.nextForwardToken,
    nextBackwardToken: window.nextBackwardToken,
  };
};
