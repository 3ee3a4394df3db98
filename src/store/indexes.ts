// Secondary indexes over one region's collections, kept by the store as records change, so look-ups by ARN,
// cluster, service, family and status cost what they return rather than what the region holds.
//
// An index files each record's id under the values its key function gives (none, one or several); ids under one
// value are kept sorted, so pages (which follow the id order) can start from a token without a scan. Indexes
// describe the committed state: inside an update, `query` (queries.ts) merges in what the update has touched.
import type { RegionState } from './schema.js';

type KeyFn = (record: Record<string, unknown>) => string | undefined;

const str = (v: unknown) => (typeof v === 'string' ? v : undefined);
const whenLive = (r: Record<string, unknown>, key: string | undefined) => (r.lastStatus !== 'STOPPED' ? key : undefined);

/** By collection, then by index name: the key a record is filed under (undefined: not in this index). */
export const INDEXES: Readonly<Record<string, Readonly<Record<string, KeyFn>>>> = {
  tasks: {
    arn: (t) => str(t.taskArn),
    /** `<clusterArn> <desiredStatus>`: ListTasks. */
    desired: (t) => `${str(t.clusterArn)} ${str(t.desiredStatus)}`,
    /** `<clusterArn> <group>`: the tasks of a service (`service:<name>`) or of a RunTask group. */
    group: (t) => `${str(t.clusterArn)} ${str(t.group)}`,
    /** `<clusterArn>`, for tasks not STOPPED: cluster counts, capacity providers in use. */
    liveInCluster: (t) => whenLive(t, str(t.clusterArn)),
    /** `live`, for every task not STOPPED: the engine's walks over running tasks. */
    live: (t) => whenLive(t, 'live'),
    /** `stopped`: expiry. */
    stopped: (t) => (t.lastStatus === 'STOPPED' ? 'stopped' : undefined),
  },
  services: {
    arn: (s) => str(s.serviceArn),
    cluster: (s) => str(s.clusterArn),
  },
  taskDefinitions: {
    family: (d) => str(d.family),
    /** The families that have an ACTIVE revision. */
    activeFamily: (d) => (d.status === 'ACTIVE' ? str(d.family) : undefined),
  },
};

const EMPTY_IDS: readonly string[] = Object.freeze([]);

/** Ids sorted in code-unit order. */
function insertSorted(ids: string[], id: string): void {
  const at = lowerBound(ids, id);
  if (ids[at] !== id) ids.splice(at, 0, id);
}

function removeSorted(ids: string[], id: string): void {
  const at = lowerBound(ids, id);
  if (ids[at] === id) ids.splice(at, 1);
}

/** The first position whose id is not below `id`. */
export function lowerBound(ids: readonly string[], id: string): number {
  let lo = 0;
  let hi = ids.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (ids[mid]! < id) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

class Index {
  readonly byKey = new Map<string, string[]>();
  constructor(readonly keyOf: KeyFn) {}

  add(id: string, record: unknown): void {
    const key = keyFor(this.keyOf, record);
    if (key === undefined) return;
    let ids = this.byKey.get(key);
    if (!ids) this.byKey.set(key, (ids = []));
    insertSorted(ids, id);
  }

  remove(id: string, record: unknown): void {
    const key = keyFor(this.keyOf, record);
    if (key === undefined) return;
    const ids = this.byKey.get(key);
    if (!ids) return;
    removeSorted(ids, id);
    if (ids.length === 0) this.byKey.delete(key);
  }
}

function keyFor(keyOf: KeyFn, record: unknown): string | undefined {
  if (typeof record !== 'object' || record === null) return undefined;
  return keyOf(record as Record<string, unknown>);
}

/** The indexes of one region. */
export class RegionIndexes {
  private readonly indexes = new Map<string, Map<string, Index>>();

  constructor(region: Readonly<RegionState>) {
    for (const [collection, defs] of Object.entries(INDEXES)) {
      const byName = new Map<string, Index>();
      for (const [name, keyOf] of Object.entries(defs)) byName.set(name, new Index(keyOf));
      this.indexes.set(collection, byName);
      this.rebuild(collection, (region as unknown as Record<string, unknown>)[collection]);
    }
  }

  covers(collection: string): boolean {
    return this.indexes.has(collection);
  }

  /** Sorted ids filed under `key` (do not change the array). */
  ids(collection: string, index: string, key: string): readonly string[] {
    return this.index(collection, index).byKey.get(key) ?? EMPTY_IDS;
  }

  /** Every key of an index, unsorted. */
  keys(collection: string, index: string): IterableIterator<string> {
    return this.index(collection, index).byKey.keys();
  }

  /** A record of `collection` changes from `before` to `after` (undefined: absent). */
  change(collection: string, id: string, before: unknown, after: unknown): void {
    const byName = this.indexes.get(collection);
    if (!byName || before === after) return;
    for (const index of byName.values()) {
      index.remove(id, before);
      index.add(id, after);
    }
  }

  /** The whole collection was replaced. */
  rebuild(collection: string, value: unknown): void {
    const byName = this.indexes.get(collection);
    if (!byName) return;
    for (const index of byName.values()) index.byKey.clear();
    if (typeof value !== 'object' || value === null) return;
    for (const [id, record] of Object.entries(value)) for (const index of byName.values()) index.add(id, record);
  }

  private index(collection: string, name: string): Index {
    const index = this.indexes.get(collection)?.get(name);
    if (!index) throw new Error(`no index ${collection}.${name}`);
    return index;
  }
}
