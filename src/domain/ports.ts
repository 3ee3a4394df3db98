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

/** Ten decimal digits from the injected ids: the second half of Fargate's runtime ids (`<32 hex>-<10 digits>`). */
export const tenDigits = (ids: Ids) => (BigInt(`0x${ids.hex32()}`) % 10_000_000_000n).toString().padStart(10, '0');

export const systemClock: Clock = { now: () => Date.now() };
