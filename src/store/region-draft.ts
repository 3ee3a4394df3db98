// A draft of one region's state whose cost follows what the update touches, not what the region holds.
//
// Each top-level key of RegionState is a collection (a map by id) or a plain value. The draft hands out an immer
// draft per record on first access and records puts and deletes per id, so a change to one task of 10,000 copies
// that one task (immer over the whole region would copy the 10,000-key map on every update). `commit()` returns
// the changes as [collection, id, value] triples, with plain values (no drafts left); nothing is applied to the
// base until the caller applies them, so a throwing update leaves no trace.
import { createDraft, current, type Draft, isDraft, isDraftable } from 'immer';
import type { RegionIndexes } from './indexes.js';
import { INDEX_VIEW, type IndexView } from './queries.js';
import type { RegionState } from './schema.js';

/** [collection, id, value]: id null = the whole top-level value; value undefined = deleted. */
export type Change = [collection: string, id: string | null, value?: unknown];

/**
 * A change as the journal holds it: a Change, or [collection, id, fields, removed] for a record of which only some
 * top-level fields changed (`fields` set, `removed` deleted), so a task's change does not rewrite the whole task.
 */
export type JournalChange = Change | [collection: string, id: string, fields: Record<string, unknown>, removed: string[]];

/**
 * A record's top-level fields that differ (by identity: unchanged parts of a draft keep theirs), and those gone. A
 * field set to undefined counts as gone, as JSON has no undefined.
 */
function fieldChanges(before: unknown, after: unknown): [Record<string, unknown>, string[]] | null {
  if (!isCollection(before) || !isCollection(after)) return null;
  const fields: Record<string, unknown> = {};
  const removed: string[] = [];
  for (const k of Object.keys(after)) {
    if (after[k] === undefined) {
      if (before[k] !== undefined) removed.push(k);
    } else if (after[k] !== before[k]) fields[k] = after[k];
  }
  for (const k of Object.keys(before)) if (!Object.hasOwn(after, k) && before[k] !== undefined) removed.push(k);
  return [fields, removed];
}

const DELETED = Symbol('deleted');

interface Put {
  /** An immer draft of the base record, or a value the update assigned. */
  value: unknown;
  draft: boolean;
}

const isCollection = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v) && Object.getPrototypeOf(v) === Object.prototype;

class CollectionDraft {
  readonly puts = new Map<string, Put>();
  readonly deleted = new Set<string>();
  readonly proxy: Record<string, unknown>;

  constructor(readonly base: Record<string, unknown>) {
    this.proxy = new Proxy({} as Record<string, unknown>, {
      get: (target, key, receiver) => (typeof key === 'string' ? this.get(key, target, receiver) : Reflect.get(target, key, receiver)),
      set: (_t, key, value) => {
        if (typeof key !== 'string') return false;
        this.puts.set(key, { value, draft: false });
        this.deleted.delete(key);
        return true;
      },
      deleteProperty: (_t, key) => {
        if (typeof key !== 'string') return false;
        this.puts.delete(key);
        if (Object.hasOwn(this.base, key)) this.deleted.add(key);
        return true;
      },
      has: (_t, key) => typeof key === 'string' && this.has(key),
      ownKeys: () => this.keys(),
      getOwnPropertyDescriptor: (target, key) => {
        if (typeof key !== 'string' || !this.has(key)) return undefined;
        return { value: this.get(key, target, this.proxy), writable: true, enumerable: true, configurable: true };
      },
      defineProperty: (_t, key, desc) => {
        if (typeof key !== 'string' || !('value' in desc)) return false;
        this.puts.set(key, { value: desc.value, draft: false });
        this.deleted.delete(key);
        return true;
      },
    });
  }

  private has(key: string): boolean {
    return this.puts.has(key) || (Object.hasOwn(this.base, key) && !this.deleted.has(key));
  }

  private keys(): string[] {
    const keys = Object.keys(this.base).filter((k) => !this.deleted.has(k));
    for (const k of this.puts.keys()) if (!Object.hasOwn(this.base, k)) keys.push(k);
    return keys;
  }

  private get(key: string, target: object, receiver: unknown): unknown {
    const put = this.puts.get(key);
    if (put) return put.value;
    if (this.deleted.has(key) || !Object.hasOwn(this.base, key)) return Reflect.get(target, key, receiver);
    const value = this.base[key];
    if (!isDraftable(value)) return value;
    const draft = createDraft(value as object);
    this.puts.set(key, { value: draft, draft: true });
    return draft;
  }

  /** Ids the update put or deleted. */
  *touched(): Iterable<string> {
    yield* this.puts.keys();
    yield* this.deleted;
  }

  changes(name: string, out: Change[], journal: JournalChange[]): void {
    const both = (c: Change) => {
      out.push(c);
      journal.push(c);
    };
    for (const key of this.deleted) both([name, key]);
    for (const [key, put] of this.puts) {
      if (put.draft) {
        const value = current(put.value as Draft<object>);
        if (value === this.base[key]) continue;
        out.push([name, key, value]);
        const diff = fieldChanges(this.base[key], value);
        journal.push(diff ? [name, key, diff[0], diff[1]] : [name, key, value]);
      } else if (put.value === undefined) {
        if (Object.hasOwn(this.base, key)) both([name, key]);
      } else {
        both([name, key, detach(put.value)]);
      }
    }
  }
}

export class RegionDraft {
  private readonly collections = new Map<string, CollectionDraft>();
  /** Top-level values the update replaced (or DELETED), and drafts of top-level values that are not collections. */
  private readonly replaced = new Map<string, unknown>();
  private readonly valueDrafts = new Map<string, object>();
  readonly proxy: RegionState;

  constructor(
    private readonly base: RegionState,
    indexes?: RegionIndexes,
  ) {
    const baseRecord = base as unknown as Record<string, unknown>;
    const view: IndexView | undefined = indexes && { indexes, touched: (collection) => this.touched(collection) };
    this.proxy = new Proxy({} as RegionState, {
      get: (target, key, receiver) => {
        if (key === INDEX_VIEW) return view;
        if (typeof key !== 'string') return Reflect.get(target, key, receiver);
        if (this.replaced.has(key)) {
          const v = this.replaced.get(key);
          return v === DELETED ? undefined : v;
        }
        if (!Object.hasOwn(baseRecord, key)) return Reflect.get(target, key, receiver);
        const value = baseRecord[key];
        if (isCollection(value)) {
          let c = this.collections.get(key);
          if (!c) this.collections.set(key, (c = new CollectionDraft(value)));
          return c.proxy;
        }
        if (!isDraftable(value)) return value;
        let d = this.valueDrafts.get(key);
        if (!d) this.valueDrafts.set(key, (d = createDraft(value as object)));
        return d;
      },
      set: (_t, key, value) => {
        if (typeof key !== 'string') return false;
        this.replace(key, value);
        return true;
      },
      deleteProperty: (_t, key) => {
        if (typeof key !== 'string') return false;
        this.replace(key, DELETED);
        return true;
      },
      has: (_t, key) => typeof key === 'string' && this.has(key),
      ownKeys: () => this.keys(),
      getOwnPropertyDescriptor: (_target, key) => {
        if (typeof key !== 'string' || !this.has(key)) return undefined;
        return { value: Reflect.get(this.proxy, key), writable: true, enumerable: true, configurable: true };
      },
      defineProperty: (_t, key, desc) => {
        if (typeof key !== 'string' || !('value' in desc)) return false;
        this.replace(key, desc.value);
        return true;
      },
    });
  }

  private touched(collection: string): Iterable<string> {
    if (this.replaced.has(collection)) {
      const value = this.replaced.get(collection);
      return typeof value === 'object' && value !== null ? Object.keys(value) : [];
    }
    return this.collections.get(collection)?.touched() ?? [];
  }

  private replace(key: string, value: unknown): void {
    this.collections.delete(key);
    this.valueDrafts.delete(key);
    this.replaced.set(key, value === undefined ? DELETED : value);
  }

  private has(key: string): boolean {
    if (this.replaced.has(key)) return this.replaced.get(key) !== DELETED;
    return Object.hasOwn(this.base, key);
  }

  private keys(): string[] {
    const keys = Object.keys(this.base).filter((k) => this.has(k));
    for (const k of this.replaced.keys()) if (!Object.hasOwn(this.base, k) && this.has(k)) keys.push(k);
    return keys;
  }

  /** What the update changed, as plain values: whole records, and as the journal holds them. */
  commit(): { changes: Change[]; journal: JournalChange[] } {
    const out: Change[] = [];
    const journal: JournalChange[] = [];
    const baseRecord = this.base as unknown as Record<string, unknown>;
    for (const [key, value] of this.replaced) {
      if (value === DELETED) {
        if (Object.hasOwn(baseRecord, key)) out.push([key, null]);
      } else if (value !== baseRecord[key]) {
        out.push([key, null, detach(value)]);
      }
    }
    for (const [key, d] of this.valueDrafts) {
      const value = current(d);
      if (value !== baseRecord[key]) out.push([key, null, value]);
    }
    journal.push(...out);
    for (const [key, c] of this.collections) c.changes(key, out, journal);
    return { changes: out, journal };
  }
}

/**
 * Applies changes to a region's state in place: collections are changed, records are replaced whole. The indexes,
 * when given, follow.
 */
export function applyChanges(region: RegionState, changes: readonly JournalChange[], indexes?: RegionIndexes): void {
  const target = region as unknown as Record<string, unknown>;
  for (const change of changes) {
    const [collection, id] = change;
    let value = change[2];
    if (id === null) {
      if (value === undefined) delete target[collection];
      else target[collection] = value;
      indexes?.rebuild(collection, value);
      continue;
    }
    let c = target[collection];
    if (!isCollection(c)) target[collection] = c = {};
    const records = c as Record<string, unknown>;
    if (change.length === 4) {
      const merged: Record<string, unknown> = { ...(records[id] as object), ...(value as object) };
      for (const k of change[3]) delete merged[k];
      value = merged;
    }
    indexes?.change(collection, id, records[id], value);
    if (value === undefined) delete records[id];
    else records[id] = value;
  }
}

/** Replaces drafts in a value (at any depth of plain objects and arrays) with plain copies. */
export function detach<T>(value: T): T {
  if (isDraft(value)) return current(value as Draft<T>) as T;
  if (Array.isArray(value)) return value.map(detach) as T;
  if (value !== null && typeof value === 'object' && Object.getPrototypeOf(value) === Object.prototype) {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, detach(v)])) as T;
  }
  return value;
}
