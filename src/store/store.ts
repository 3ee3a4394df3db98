// The state store: one document in memory, changed only through atomic updates, written to disk by lowdb.
//
// - An update is a synchronous function over a draft (immer): it applies whole or, if it throws, not at all,
//   so a rejected request never leaves half a change behind.
// - Writes are coalesced: however many updates happen while a write is under way, one more write follows it.
//   `flush()` resolves once everything updated so far is on disk; the API awaits it before answering.
// - The file is replaced atomically (steno writes a temporary file and renames it), so kill -9 never tears it.
// - Opening writes the document back at once: the schema version is on disk from the start, a migrated
//   document is saved, and an unwritable data directory fails at startup rather than on the first request.
import fs from 'node:fs/promises';
import path from 'node:path';
import { current, type Draft, isDraft, produce, setAutoFreeze } from 'immer';
import { type Adapter, Low, Memory } from 'lowdb';
import type { Scope } from '../domain/scope.js';
import { scopeKey } from '../domain/scope.js';
import { emptyDocument, emptyRegionState, type RegionState, type StateDocument } from './schema.js';
import { StateFile } from './state-file.js';

setAutoFreeze(false);

export const STATE_FILE = 'state.json';

export class Store {
  private version = 0;
  private persistedVersion = 0;
  private writing: Promise<void> | null = null;
  private scheduled = false;
  private closed = false;

  private constructor(
    private readonly db: Low<StateDocument>,
    private readonly onBackgroundError: (err: unknown) => void,
  ) {}

  /** Opens the store in `dataDir` (created if missing), or in memory when `dataDir` is null. */
  static async open(dataDir: string | null, onBackgroundError: (err: unknown) => void = () => {}): Promise<Store> {
    if (dataDir === null) return Store.fromAdapter(new Memory<StateDocument>(), onBackgroundError);
    await fs.mkdir(dataDir, { recursive: true });
    return Store.fromAdapter(new StateFile(path.join(dataDir, STATE_FILE)), onBackgroundError);
  }

  /** Opens the store over any lowdb adapter (reads it, then writes the document back once). */
  static async fromAdapter(adapter: Adapter<StateDocument>, onBackgroundError: (err: unknown) => void = () => {}): Promise<Store> {
    const db = new Low<StateDocument>(adapter, emptyDocument());
    await db.read();
    await db.write();
    return new Store(db, onBackgroundError);
  }

  /** Reads one region's state. The value passed to `fn` must not be kept or changed. */
  read<T>(scope: Scope, fn: (state: Readonly<RegionState>) => T): T {
    return fn(this.db.data.scopes[scopeKey(scope)] ?? EMPTY);
  }

  /** Every account/region that holds any state. */
  scopes(): Scope[] {
    return Object.keys(this.db.data.scopes).map((key) => {
      const [accountId, region] = key.split('/') as [string, string];
      return { accountId, region };
    });
  }

  /**
   * Applies `fn` to a draft of one region's state, atomically; returns what `fn` returns. `fn` may return part
   * of the draft (e.g. an existing record): return values are copied out of the draft before it is closed.
   */
  update<T>(scope: Scope, fn: (state: RegionState) => T): T {
    const key = scopeKey(scope);
    let result!: T;
    const next = produce(this.db.data, (doc) => {
      const region = (doc.scopes[key] ??= emptyRegionState());
      result = detach(fn(region));
    });
    if (next !== this.db.data) {
      this.db.data = next;
      this.version += 1;
      this.scheduleFlush();
    }
    return result;
  }

  /** Resolves once every update made before the call is on disk. */
  async flush(): Promise<void> {
    const target = this.version;
    while (this.persistedVersion < target) {
      if (this.writing) {
        await this.writing;
        continue;
      }
      const writingVersion = this.version;
      this.writing = this.db
        .write()
        .then(() => {
          this.persistedVersion = Math.max(this.persistedVersion, writingVersion);
        })
        .finally(() => {
          this.writing = null;
        });
      await this.writing;
    }
  }

  async close(): Promise<void> {
    this.closed = true;
    await this.flush();
  }

  private scheduleFlush(): void {
    if (this.scheduled || this.closed) return;
    this.scheduled = true;
    setImmediate(() => {
      this.scheduled = false;
      this.flush().catch(this.onBackgroundError);
    });
  }
}

/** Replaces immer drafts in a value (at any depth of plain objects and arrays) with plain copies. */
function detach<T>(value: T): T {
  if (isDraft(value)) return current(value as Draft<T>) as T;
  if (Array.isArray(value)) return value.map(detach) as T;
  if (value !== null && typeof value === 'object' && Object.getPrototypeOf(value) === Object.prototype) {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, detach(v)])) as T;
  }
  return value;
}

const EMPTY: Readonly<RegionState> = Object.freeze(emptyRegionState());
