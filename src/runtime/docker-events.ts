// One subscription to the engine's event stream, filtered to our instance's containers and to the actions we
// report (die, oom, health_status). The stream is reopened when it drops, from the time of the last event seen,
// and repeated events at that boundary are dropped.
import readline from 'node:readline';
import type { Readable } from 'node:stream';
import type Dockerode from 'dockerode';
import type { Logger } from '../logger.js';
import { labelFilter, LABEL_INSTANCE } from './labels.js';

export interface DockerEvent {
  Type: string;
  Action: string;
  Actor: { ID: string; Attributes: Record<string, string> };
  time: number;
  timeNano: number;
}

const RECONNECT_MIN_MS = 250;
const RECONNECT_MAX_MS = 5000;

/** `since` in Docker's `<seconds>.<nanoseconds>` form. */
export function sinceParameter(timeNano: number): string {
  const ns = BigInt(Math.trunc(timeNano));
  return `${ns / 1_000_000_000n}.${(ns % 1_000_000_000n).toString().padStart(9, '0')}`;
}

export class DockerEventStream {
  private stream: Readable | null = null;
  private stopped = true;
  private lastTimeNano = 0;
  private seenAtLast = new Set<string>();
  private delayMs = RECONNECT_MIN_MS;
  private timer: NodeJS.Timeout | null = null;
  private ready: Promise<void> | null = null;

  constructor(
    private readonly docker: Dockerode,
    private readonly instanceId: string,
    private readonly logger: Logger,
    private readonly onEvent: (event: DockerEvent) => void,
  ) {}

  /** Opens the stream; resolves once the engine has accepted the subscription. */
  start(): Promise<void> {
    if (!this.stopped) return this.ready ?? Promise.resolve();
    this.stopped = false;
    this.ready = this.connect();
    return this.ready;
  }

  stop(): void {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    this.stream?.destroy();
    this.stream = null;
  }

  private async connect(): Promise<void> {
    const filters = {
      type: ['container'],
      event: ['die', 'oom', 'health_status'],
      ...labelFilter({ [LABEL_INSTANCE]: this.instanceId }),
    };
    try {
      const opts = this.lastTimeNano ? { filters, since: sinceParameter(this.lastTimeNano) } : { filters };
      const stream = (await this.docker.getEvents(opts as Parameters<Dockerode['getEvents']>[0])) as unknown as Readable;
      if (this.stopped) {
        stream.destroy();
        return;
      }
      this.stream = stream;
      this.delayMs = RECONNECT_MIN_MS;
      void this.read(stream);
    } catch (err) {
      this.logger.warn({ err }, 'docker event stream failed to open; retrying');
      this.scheduleReconnect();
    }
  }

  private async read(stream: Readable): Promise<void> {
    const lines = readline.createInterface({ input: stream, crlfDelay: Infinity });
    try {
      for await (const line of lines) {
        if (line.trim()) this.accept(JSON.parse(line) as DockerEvent);
      }
    } catch (err) {
      if (!this.stopped) this.logger.warn({ err }, 'docker event stream broke');
    }
    if (this.stream === stream) this.stream = null;
    if (!this.stopped) this.scheduleReconnect();
  }

  private accept(event: DockerEvent): void {
    const key = `${event.Actor.ID}/${event.Action}/${event.timeNano}`;
    if (event.timeNano < this.lastTimeNano || (event.timeNano === this.lastTimeNano && this.seenAtLast.has(key))) return;
    if (event.timeNano > this.lastTimeNano) {
      this.lastTimeNano = event.timeNano;
      this.seenAtLast = new Set();
    }
    this.seenAtLast.add(key);
    try {
      this.onEvent(event);
    } catch (err) {
      this.logger.error({ err }, 'docker event handler failed');
    }
  }

  private scheduleReconnect(): void {
    if (this.stopped || this.timer) return;
    const delay = this.delayMs;
    this.delayMs = Math.min(this.delayMs * 2, RECONNECT_MAX_MS);
    this.timer = setTimeout(() => {
      this.timer = null;
      if (!this.stopped) void this.connect();
    }, delay);
    this.timer.unref();
  }
}
