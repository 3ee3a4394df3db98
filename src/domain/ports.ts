// The narrow interfaces the domain and engine depend on; adapters implement them.

/** Wall-clock time in epoch milliseconds. */
export interface Clock {
  now(): number;
}

/** Identifier sources, injected so tests can make them predictable. */
export interface Ids {
  /** 32 lower-case hex digits: task ids, service ids. */
  hex32(): string;
  /** An RFC 4122 v4 UUID: request ids, container ids, attachment ids. */
  uuid(): string;
}

export const systemClock: Clock = { now: () => Date.now() };
