// Server-sent events: each ECS event as `id: <n>`, `event: <detail-type>`, `data: <json>`. A reader that comes back
// with Last-Event-ID (or ?since=<n>) first gets what it missed, as far as the history goes.
import type { Request, Response } from 'express';
import type { EventHub, NumberedEvent } from '../events/event-hub.js';

const HEARTBEAT_MS = 15_000;

export function streamEvents(hub: EventHub, req: Request, res: Response): void {
  const since = Number(req.header('last-event-id') ?? req.query.since ?? Number.NaN);
  res.status(200);
  res.setHeader('Content-Type', 'text/event-stream; charset=utf-8');
  res.setHeader('Cache-Control', 'no-cache');
  res.setHeader('Connection', 'keep-alive');
  res.flushHeaders();
  const write = (e: NumberedEvent) => res.write(`id: ${e.seq}\nevent: ${e.event['detail-type']}\ndata: ${JSON.stringify(e.event)}\n\n`);
  res.write(`: connected at ${hub.lastSeq}\n\n`);
  if (Number.isInteger(since) && since >= 0) for (const e of hub.since(since)) write(e);
  const unsubscribe = hub.subscribe(write);
  const heartbeat = setInterval(() => res.write(': keep-alive\n\n'), HEARTBEAT_MS);
  heartbeat.unref();
  req.on('close', () => {
    clearInterval(heartbeat);
    unsubscribe();
  });
}
