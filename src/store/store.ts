// The state store: one document in memory, changed only through atomic updates, persisted as a snapshot plus a
// journal of changes.
//
// - An update is a synchronous function over a draft: it applies whole or, if it throws, not at all, so a rejected
//   request never leaves half a change behind. The draft copies only the records the update touches (see
//   region-draft.ts), and the change is applied in place: collections are changed, records are replaced whole and
//   never changed after (a record read from the store is a snapshot of it).
// - Each update that changes something becomes one journal line (the records it changed, whole). Lines are
//   coalesced: however many updates happen while a write is under way, one more append follows it. `flush()`
//   resolves once everything updated so far is on disk; the API awaits it before answering.
// - When the journal outgrows the snapshot, a new snapshot is written in the background (to a temporary file,
//   fsync'ed, renamed), and the journal segments it covers are deleted. Loading reads the snapshot, then replays
//   the journal entries after it.
import fs from 'node:fs/promises';
import path from 'node:path';
import { setAutoFreeze } from 'immer';
import type { Scope } from '../domain/scope.js';
import { scopeKey } from '../domain/scope.js';
import { type JournalEntry, listSegments, readSegment, SegmentWriter } from './journal.js';
import { RegionIndexes } from './indexes.js';
import { INDEX_VIEW, indexViewOf } from './queries.js';
import { applyChanges, detach, RegionDraft } from './region-draft.js';
import { emptyDocument, emptyRegionState, type RegionState, SCHEMA_VERSION, type StateDocument } from './schema.js';
import { StateFile, StateFileError, refusal } from './state-file.js';

setAutoFreeze(false);

export const STATE_FILE = 'state.json';

export interface StoreOptions {
  onBackgroundError?: (err: unknown) => void;
  /** The journal is compacted into a new snapshot once it is larger than this and than half the last snapshot. */
  compactMinBytes?: number;
}

const COMPACT_MIN_BYTES = 4 << 20;

export interface StoreStats {
  /** Updates that changed something (each one journal entry). */
  changes: number;
  /** Appends to the journal (each one carries every change made since the previous one). */
  journalWrites: number;
  /** Bytes appended to the journal. */
  bytesWritten: number;
  /** Snapshots written, and the size of the last one. */
  snapshots: number;
  snapshotBytes: number;
}

interface Disk {
  dir: string;
  snapshot: StateFile;
  segment: SegmentWriter;
}

export class Store {
  private seq: number;
  private persistedSeq: number;
  private pending: string[] = [];
  private writing: Promise<void> | null = null;
  private compacting: Promise<void> | null = null;
  private scheduled = false;
  private closed = false;
  private journalBytes = 0;
  private readonly statistics: StoreStats = { changes: 0, journalWrites: 0, bytesWritten: 0, snapshots: 0, snapshotBytes: 0 };

  private readonly onBackgroundError: (err: unknown) => void;
  private readonly compactMinBytes: number;

  private constructor(
    private readonly doc: StateDocument,
    private readonly disk: Disk | null,
    options: StoreOptions,
  ) {
    this.onBackgroundError = options.onBackgroundError ?? (() => {});
    this.compactMinBytes = options.compactMinBytes ?? COMPACT_MIN_BYTES;
    this.seq = doc.seq;
    this.persistedSeq = doc.seq;
    for (const region of Object.values(doc.scopes)) withIndexes(region);
  }

  /**
   * Opens the store in `dataDir` (created if missing), or in memory when `dataDir` is null. A new or migrated
   * document is written as a snapshot at once, and a new journal segment is opened, so an unwritable data
   * directory fails here rather than on the first request.
   */
  static async open(dataDir: string | null, options: StoreOptions = {}): Promise<Store> {
    if (dataDir === null) return new Store(emptyDocument(), null, options);
    await fs.mkdir(dataDir, { recursive: true });
    const snapshot = new StateFile(path.join(dataDir, STATE_FILE));
    const segments = await listSegments(dataDir);
    const read = await snapshot.read();
    if (!read && segments.length > 0) {
      throw refusal(snapshot.file, `it is missing, but journal segments (${path.basename(segments[0]!.file)}, ...) are there`);
    }
    const doc = read?.document ?? emptyDocument();
    let journalBytes = 0;
    for (const segment of segments) {
      const { entries, bytes } = await readSegment(segment.file);
      journalBytes += bytes;
      for (const entry of entries) {
        if (entry.n <= doc.seq) continue;
        replay(doc, entry);
        doc.seq = entry.n;
      }
    }
    let snapshotBytes = 0;
    if (!read || read.fromVersion < SCHEMA_VERSION) snapshotBytes = await snapshot.write(doc);
    const next = (segments.at(-1)?.index ?? 0) + 1;
    const segment = await SegmentWriter.create(dataDir, next);
    const store = new Store(doc, { dir: dataDir, snapshot, segment }, options);
    store.journalBytes = journalBytes;
    store.statistics.snapshotBytes = snapshotBytes || (await fs.stat(snapshot.file)).size;
    store.maybeCompact();
    return store;
  }

  /**
   * Reads one region's state. Nothing passed to `fn` may be changed. Records (a task, a service) may be kept: they
   * are never changed, a change replaces them. Collections (`state.tasks`) must not be kept past `fn`: they change
   * in place. Indexed look-ups: queries.ts.
   */
  read<T>(scope: Scope, fn: (state: Readonly<RegionState>) => T): T {
    return fn(this.doc.scopes[scopeKey(scope)] ?? EMPTY);
  }

  /** Every account/region that holds any state. */
  scopes(): Scope[] {
    return Object.keys(this.doc.scopes).map((key) => {
      const [accountId, region] = key.split('/') as [string, string];
      return { accountId, region };
    });
  }

  /**
   * Applies `fn` to a draft of one region's state, atomically; returns what `fn` returns. `fn` may return part
   * of the draft (e.g. an existing record): return values are copied out of the draft.
   */
  update<T>(scope: Scope, fn: (state: RegionState) => T): T {
    const key = scopeKey(scope);
    const existing = this.doc.scopes[key];
    const draft = new RegionDraft(existing ?? emptyRegionState(), existing && indexViewOf(existing)?.indexes);
    const result = detach(fn(draft.proxy));
    const { changes, journal } = draft.commit();
    if (changes.length === 0 && existing) return result;
    const region = existing ?? (this.doc.scopes[key] = withIndexes(emptyRegionState()));
    applyChanges(region, changes, indexViewOf(region)!.indexes);
    this.seq += 1;
    this.doc.seq = this.seq;
    this.statistics.changes += 1;
    if (this.disk) {
      this.pending.push(`${JSON.stringify({ n: this.seq, s: key, c: journal } satisfies JournalEntry)}\n`);
      this.scheduleFlush();
    } else {
      this.persistedSeq = this.seq;
    }
    return result;
  }

  /** Resolves once every update made before the call is on disk. */
  async flush(): Promise<void> {
    const target = this.seq;
    while (this.persistedSeq < target) {
      if (this.writing) {
        await this.writing;
        continue;
      }
      this.writing = this.append().finally(() => {
        this.writing = null;
      });
      await this.writing;
    }
  }

  /** Grows with every update that changed something: equal versions mean the same state (for caches of derived data). */
  get version(): number {
    return this.seq;
  }

  stats(): StoreStats {
    return { ...this.statistics };
  }

  async close(): Promise<void> {
    this.closed = true;
    await this.flush();
    await this.compacting;
    await this.disk?.segment.close(true);
  }

  private async append(): Promise<void> {
    const disk = this.disk!;
    const upTo = this.seq;
    const text = this.pending.join('');
    this.pending = [];
    await disk.segment.append(text);
    const bytes = Buffer.byteLength(text);
    this.journalBytes += bytes;
    this.statistics.journalWrites += 1;
    this.statistics.bytesWritten += bytes;
    this.persistedSeq = Math.max(this.persistedSeq, upTo);
    this.maybeCompact();
  }

  private maybeCompact(): void {
    if (!this.disk || this.compacting || this.closed) return;
    if (this.journalBytes < Math.max(this.compactMinBytes, this.statistics.snapshotBytes / 2)) return;
    this.compacting = this.compact()
      .catch(this.onBackgroundError)
      .finally(() => {
        this.compacting = null;
      });
  }

  /**
   * Writes a snapshot, then deletes the journal segments it covers. Appends go to a new segment from the start, so
   * every segment older than it holds only changes made before the snapshot began; the snapshot has them all (and
   * perhaps some later ones, which replaying the newer segments applies again, to the same result).
   */
  private async compact(): Promise<void> {
    const disk = this.disk!;
    const next = await SegmentWriter.create(disk.dir, disk.segment.index + 1);
    while (this.writing) await this.writing;
    // From here to the first await nothing else runs: no append is under way, and the next goes to `next`.
    const old = disk.segment;
    disk.segment = next;
    this.journalBytes = 0;
    const covered = { ...this.doc, seq: this.seq };
    await old.close(false);
    const bytes = await disk.snapshot.write(covered);
    this.statistics.snapshots += 1;
    this.statistics.snapshotBytes = bytes;
    for (const segment of await listSegments(disk.dir)) {
      if (segment.index < disk.segment.index) await fs.rm(segment.file, { force: true });
    }
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

/** Gives a region its indexes (a property no enumeration or serialization sees). */
function withIndexes(region: RegionState): RegionState {
  Object.defineProperty(region, INDEX_VIEW, { value: { indexes: new RegionIndexes(region) }, enumerable: false });
  return region;
}

function replay(doc: StateDocument, entry: JournalEntry): void {
  const region = (doc.scopes[entry.s] ??= emptyRegionState());
  applyChanges(region, entry.c);
}

export { StateFileError };

const EMPTY: Readonly<RegionState> = Object.freeze(emptyRegionState());
