// The faults switched on through the control API, held in memory (a restart clears them).
import { providerOfFault, type FaultKind, type FaultRecord, type OutageError } from '../domain/faults.js';
import type { Clock, Ids } from '../domain/ports.js';

export class FaultRegistry {
  private readonly faults = new Map<string, FaultRecord>();
  private readonly listeners = new Set<() => void>();

  constructor(
    private readonly clock: Clock,
    private readonly ids: Ids,
  ) {}

  /** Switches a fault on; a fault of the same kind that is already on is returned as it is. */
  set(kind: FaultKind, error?: OutageError): FaultRecord {
    const existing = [...this.faults.values()].find((f) => f.kind === kind);
    if (existing) return existing;
    const fault: FaultRecord = { id: this.ids.uuid(), kind, ...(error ? { error } : {}), createdAt: this.clock.now() };
    this.faults.set(fault.id, fault);
    this.changed();
    return fault;
  }

  list(): FaultRecord[] {
    return [...this.faults.values()].sort((a, b) => a.createdAt - b.createdAt);
  }

  /** Clears one fault by id; returns whether it was on. */
  clear(id: string): boolean {
    const had = this.faults.delete(id);
    if (had) this.changed();
    return had;
  }

  /** Clears every fault (of one kind when given); returns how many were on. */
  clearAll(kind?: FaultKind): number {
    let n = 0;
    for (const [id, f] of this.faults) {
      if (kind && f.kind !== kind) continue;
      this.faults.delete(id);
      n += 1;
    }
    if (n > 0) this.changed();
    return n;
  }

  /** Whether new tasks can be placed on this capacity provider now. */
  capacityAvailable(provider: string): boolean {
    return ![...this.faults.values()].some((f) => providerOfFault(f.kind) === provider);
  }

  /** The control-plane outage that is on, if any. */
  outage(): FaultRecord | undefined {
    return [...this.faults.values()].find((f) => f.kind === 'control-plane-outage');
  }

  /** Calls `listener` whenever a fault is set or cleared; returns an unsubscribe. */
  onChange(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private changed(): void {
    for (const l of this.listeners) l();
  }
}
