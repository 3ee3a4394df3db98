// Where ECS events go: a bounded in-memory history (numbered, so a reader can resume), live subscribers (the
// server-sent events stream), and an optional webhook that receives each event as a JSON POST, in order.
import type { Logger } from '../logger.js';
import type { EcsEvent } from './ecs-events.js';

export interface NumberedEvent {
  seq: number;
  event: EcsEvent;
}

const HISTORY = 1000;
const WEBHOOK_TIMEOUT_MS = 5000;

export class EventHub {
  private seq = 0;
  private readonly history: NumberedEvent[] = [];
  private readonly subscribers = new Set<(e: NumberedEvent) => void>();
  private webhookChain: Promise<void> = Promise.resolve();
  private closed = false;

  constructor(
    private readonly logger: Logger,
    private readonly webhookUrl: string | null = null,
  ) {}

  publish(event: EcsEvent): void {
    if (this.closed) return;
    this.seq += 1;
    const numbered = { seq: this.seq, event };
    this.history.push(numbered);
    if (this.history.length > HISTORY) this.history.shift();
    for (const s of this.subscribers) {
      try {
        s(numbered);
      } catch (err) {
        this.logger.warn({ err }, 'event subscriber failed');
      }
    }
    if (this.webhookUrl) this.post(this.webhookUrl, event);
  }

  /** Events published after `afterSeq` that are still in the history. */
  since(afterSeq: number): NumberedEvent[] {
    return this.history.filter((e) => e.seq > afterSeq);
  }

  /** The number of the newest event (0 when none). */
  get lastSeq(): number {
    return this.seq;
  }

  subscribe(listener: (e: NumberedEvent) => void): () => void {
    this.subscribers.add(listener);
    return () => this.subscribers.delete(listener);
  }

  async close(): Promise<void> {
    this.closed = true;
    this.subscribers.clear();
    await this.webhookChain;
  }

  private post(url: string, event: EcsEvent): void {
    this.webhookChain = this.webhookChain.then(async () => {
      try {
        const res = await fetch(url, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify(event),
          signal: AbortSignal.timeout(WEBHOOK_TIMEOUT_MS),
        });
        if (!res.ok) this.logger.warn({ url, status: res.status }, 'events webhook refused an event');
        await res.body?.cancel();
      } catch (err) {
        this.logger.warn({ err, url }, 'events webhook unreachable');
      }
    });
  }
}
