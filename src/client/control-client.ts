// A small client for fargate-local's control API (not AWS's): Spot interruptions, faults, container crashes, and
// the ECS event stream. For tests and scripts:
//   const control = new FargateLocalControl('http://127.0.0.1:4599');
//   await control.setFault('spot-capacity-unavailable');
//   const event = await control.waitForEvent((e) => e['detail-type'] === 'ECS Task State Change', { timeoutMs: 10_000 });
import type { ListenerEndpoint } from '../proxy/load-balancing.js';
import { createParser } from 'eventsource-parser';
import type { FaultKind, FaultRecord, OutageError } from '../domain/faults.js';
import type { EcsEvent } from '../events/ecs-events.js';

export type { EcsEvent, FaultKind, FaultRecord, OutageError };

export type { ListenerEndpoint };

export interface HealthStatus {
  status: 'ok';
  engine: { available: boolean };
  endpoint: string;
}

export interface ControlScope {
  accountId?: string;
  region?: string;
}

export type SpotTarget =
  | { cluster?: string; task: string }
  | { cluster?: string; service: string; percent?: number }
  | { cluster?: string; all: true };

export interface StreamedEvent {
  /** The event's position in the emulator's stream; pass it as `since` to resume after it. */
  id: number;
  event: EcsEvent;
}

export class ControlApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = code;
  }
}

const PREFIX = '/_fargate-local';

export class FargateLocalControl {
  private readonly base: string;

  constructor(
    endpoint: string,
    private readonly scope: ControlScope = {},
  ) {
    this.base = endpoint.replace(/\/+$/, '') + PREFIX;
  }

  /** The readiness check: answers once the API does; `engine.available` says whether tasks can run. */
  async health(): Promise<HealthStatus> {
    return this.call<HealthStatus>('GET', '/health');
  }

  /**
   * Clears all state, or one account (and region): tasks are stopped and their containers and networks removed.
   * Resolves once Docker is done. Faults are cleared too when everything is reset.
   */
  async reset(scope: ControlScope = {}): Promise<{ scopes: { accountId: string; region: string }[]; tasks: number }> {
    return this.call('POST', '/reset', scope);
  }

  /** Interrupts one Spot task, a share of a service's Spot tasks, or all of them; returns the interrupted tasks' ARNs. */
  async interruptSpot(target: SpotTarget): Promise<string[]> {
    const out = await this.call<{ interrupted: string[] }>('POST', '/spot/interrupt', { ...this.scope, ...target });
    return out.interrupted;
  }

  async setFault(kind: FaultKind, options: { error?: OutageError } = {}): Promise<FaultRecord> {
    return (await this.call<{ fault: FaultRecord }>('POST', '/faults', { kind, ...options })).fault;
  }

  async listFaults(): Promise<FaultRecord[]> {
    return (await this.call<{ faults: FaultRecord[] }>('GET', '/faults')).faults;
  }

  async clearFault(id: string): Promise<void> {
    await this.call('DELETE', `/faults/${encodeURIComponent(id)}`);
  }

  /** Clears every fault, or every fault of one kind; returns how many were on. */
  async clearFaults(kind?: FaultKind): Promise<number> {
    return (await this.call<{ cleared: number }>('DELETE', `/faults${kind ? `?kind=${kind}` : ''}`)).cleared;
  }

  /** Kills a task's container (the first essential one unless named), as a crash would. */
  async crashContainer(target: {
    cluster?: string;
    task: string;
    container?: string;
    signal?: string;
  }): Promise<{ taskArn: string; container: string; signal: string }> {
    return this.call('POST', '/tasks/crash', { ...this.scope, ...target });
  }

  /**
   * The ECS event stream, from now on (or after event `since`). Ends when `signal` aborts. `onOpen` runs once the
   * emulator has subscribed this reader: whatever it sets off, the stream cannot miss its events.
   */
  async *events(options: { since?: number; signal?: AbortSignal; onOpen?: () => unknown } = {}): AsyncGenerator<StreamedEvent> {
    const query = options.since !== undefined ? `?since=${options.since}` : '';
    const res = await fetch(`${this.base}/events${query}`, { signal: options.signal, headers: { accept: 'text/event-stream' } });
    if (!res.ok || !res.body) throw new ControlApiError(res.status, 'StreamUnavailable', `the event stream answered ${res.status}`);
    await options.onOpen?.();
    const queue: StreamedEvent[] = [];
    const parser = createParser({
      onEvent: (m) => queue.push({ id: Number(m.id), event: JSON.parse(m.data) as EcsEvent }),
    });
    const decoder = new TextDecoder();
    const reader = res.body.getReader();
    try {
      for (;;) {
        const { done, value } = await reader.read();
        if (done) return;
        parser.feed(decoder.decode(value, { stream: true }));
        while (queue.length > 0) yield queue.shift()!;
      }
    } catch (err) {
      if ((err as Error).name === 'AbortError') return;
      throw err;
    } finally {
      reader.releaseLock();
      await res.body.cancel().catch(() => undefined);
    }
  }

  /**
   * Resolves with the first event (after `since`, or from now) that `predicate` accepts; rejects after `timeoutMs`.
   * `onOpen` runs once the stream is open, so an event it causes is never missed:
   *   await control.waitForEvent(isWarning, { onOpen: () => control.interruptSpot({ cluster, task }) });
   */
  async waitForEvent(
    predicate: (e: EcsEvent) => boolean,
    options: { timeoutMs?: number; since?: number; onOpen?: () => unknown } = {},
  ): Promise<EcsEvent> {
    const controller = new AbortController();
    const timeoutMs = options.timeoutMs ?? 30_000;
    const timer = setTimeout(() => controller.abort(), timeoutMs);
    try {
      for await (const { event } of this.events({ since: options.since, signal: controller.signal, onOpen: options.onOpen })) {
        if (predicate(event)) return event;
      }
      throw new ControlApiError(408, 'Timeout', `no matching event within ${timeoutMs} ms`);
    } finally {
      clearTimeout(timer);
      controller.abort();
    }
  }

  /** Every load balancer listener and where this host serves it (`hostPort` differs from `port` when that was taken or privileged). */
  async loadBalancers(): Promise<ListenerEndpoint[]> {
    return (await this.call<{ listeners: ListenerEndpoint[] }>('GET', '/load-balancers')).listeners;
  }

  private async call<T = unknown>(method: string, path: string, body?: unknown): Promise<T> {
    const res = await fetch(this.base + path, {
      method,
      headers: body === undefined ? {} : { 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    if (res.status === 204) return undefined as T;
    const payload = (await res.json().catch(() => ({}))) as { code?: string; message?: string };
    if (!res.ok) throw new ControlApiError(res.status, payload.code ?? 'Error', payload.message ?? `HTTP ${res.status}`);
    return payload as T;
  }
}
