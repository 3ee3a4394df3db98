// Log events in append-only segment files, one directory per stream, under <dataDir>/logs (or in memory with
// --in-memory), with group and stream definitions in a small catalog file per account and region.
//
// - Each event is one JSON line `[timestamp, ingestionTime, message]` (plus the log driver's `source` position), appended in arrival order and numbered per
//   stream (0, 1, 2...; numbers are never reused, so tokens stay valid while old events are dropped).
// - A stream's events are split into segments of about SEGMENT_BYTES; in memory only a small index per segment is
//   kept (a byte offset every CHUNK events, the time range), plus a bounded cache of recently read chunks. Memory
//   stays bounded however many lines arrive; reads touch only the chunks they need.
// - Retention drops whole segments once their newest event has expired, and reads hide expired events at once.
// - A cap on the bytes kept (all streams together) drops the oldest segments first and warns.
// - A torn last line (the process killed mid-write) is cut off when the stream is loaded again.
import fs from 'node:fs';
import path from 'node:path';
import { JSONFileSync } from 'lowdb/node';
import { cutoffFor } from '../domain/logs/retention.js';
import type { Clock } from '../domain/ports.js';
import type { Scope } from '../domain/scope.js';
import { scopeKey } from '../domain/scope.js';
import type { InputLogEvent, LogGroupRecord, LogGroupView, LogStore, LogStreamView, StoredLogEvent } from '../domain/logs/model.js';

/** Events per indexed chunk: the unit of a read and of the read cache. */
export const CHUNK = 256;
const SEGMENT_BYTES = 1024 * 1024;
const CACHED_CHUNKS = 64;

interface Segment {
  firstIndex: number;
  count: number;
  bytes: number;
  minTs: number;
  maxTs: number;
  lastIngestion: number;
  lastTs: number;
  /** Byte offset of events 0, CHUNK, 2*CHUNK... (file segments). */
  offsets: number[];
  file?: string;
  /** The events themselves (memory segments). */
  events?: StoredLogEvent[];
}

interface StreamState {
  id: number;
  name: string;
  creationTime: number;
  firstEventTimestamp?: number;
  /** Index below which everything was dropped (retention, the cap), so numbering survives an empty stream. */
  droppedBefore: number;
  segments: Segment[];
  dir?: string;
}

interface GroupState {
  record: LogGroupRecord;
  streams: Map<string, StreamState>;
}

interface RegionLogs {
  scope: Scope;
  groups: Map<string, GroupState>;
  nextStreamId: number;
  dir?: string;
}

interface CatalogFile {
  accountId: string;
  region: string;
  nextStreamId: number;
  groups: {
    record: LogGroupRecord;
    streams: { id: number; name: string; creationTime: number; firstEventTimestamp?: number; droppedBefore: number }[];
  }[];
}

/** A region's catalog of groups and streams, `<region dir>/catalog.json`. */
function catalogFile(regionDir: string): JSONFileSync<CatalogFile> {
  return new JSONFileSync<CatalogFile>(path.join(regionDir, 'catalog.json'));
}

export interface LogStoreOptions {
  /** Directory for the logs (`<dataDir>/logs`); null keeps everything in memory. */
  dir: string | null;
  clock: Clock;
  /** Most bytes of events kept, all streams together; the oldest segments go first beyond it. */
  maxBytes: number;
  /** Told when the cap makes the store drop events (at most once a minute). */
  onCapReached?: (info: { maxBytes: number; droppedBytes: number }) => void;
}

export class SegmentedLogStore implements LogStore {
  private readonly regions = new Map<string, RegionLogs>();
  private readonly cache = new Map<string, StoredLogEvent[]>();
  private readonly writers = new Map<string, number>();
  private totalBytes = 0;
  private lastCapWarning = 0;

  constructor(private readonly options: LogStoreOptions) {
    if (options.dir) {
      fs.mkdirSync(options.dir, { recursive: true });
      this.load(options.dir);
    }
  }

  // ---- groups --------------------------------------------------------------------------------------------------

  createGroup(scope: Scope, record: LogGroupRecord): boolean {
    const region = this.region(scope);
    if (region.groups.has(record.name)) return false;
    region.groups.set(record.name, { record: structuredClone(record), streams: new Map() });
    this.saveCatalog(region);
    return true;
  }

  scopes(): Scope[] {
    return [...this.regions.values()].filter((r) => r.groups.size > 0).map((r) => ({ ...r.scope }));
  }

  getGroup(scope: Scope, name: string): LogGroupView | undefined {
    const group = this.regions.get(scopeKey(scope))?.groups.get(name);
    return group ? this.groupView(group) : undefined;
  }

  listGroups(scope: Scope): LogGroupView[] {
    const region = this.regions.get(scopeKey(scope));
    if (!region) return [];
    return [...region.groups.values()].map((g) => this.groupView(g)).sort((a, b) => compare(a.name, b.name));
  }

  updateGroup(scope: Scope, name: string, change: (record: LogGroupRecord) => void): boolean {
    const region = this.regions.get(scopeKey(scope));
    const group = region?.groups.get(name);
    if (!region || !group) return false;
    const draft = structuredClone(group.record);
    change(draft);
    group.record = draft;
    this.saveCatalog(region);
    return true;
  }

  deleteGroup(scope: Scope, name: string): boolean {
    const region = this.regions.get(scopeKey(scope));
    const group = region?.groups.get(name);
    if (!region || !group) return false;
    for (const stream of group.streams.values()) this.dropStreamData(stream);
    region.groups.delete(name);
    this.saveCatalog(region);
    return true;
  }

  // ---- streams -------------------------------------------------------------------------------------------------

  createStream(scope: Scope, groupName: string, name: string, creationTime: number): boolean {
    const region = this.regions.get(scopeKey(scope));
    const group = region?.groups.get(groupName);
    if (!region || !group || group.streams.has(name)) return false;
    const id = region.nextStreamId++;
    const stream: StreamState = { id, name, creationTime, droppedBefore: 0, segments: [] };
    if (region.dir) {
      stream.dir = path.join(region.dir, 'streams', String(id));
      fs.mkdirSync(stream.dir, { recursive: true });
    }
    group.streams.set(name, stream);
    this.saveCatalog(region);
    return true;
  }

  getStream(scope: Scope, group: string, name: string): LogStreamView | undefined {
    const stream = this.stream(scope, group, name);
    return stream ? this.streamView(stream, this.cutoffOf(scope, group)) : undefined;
  }

  listStreams(scope: Scope, groupName: string): LogStreamView[] {
    const group = this.regions.get(scopeKey(scope))?.groups.get(groupName);
    if (!group) return [];
    const cutoff = cutoffFor(group.record, this.options.clock.now());
    return [...group.streams.values()].map((s) => this.streamView(s, cutoff)).sort((a, b) => compare(a.name, b.name));
  }

  deleteStream(scope: Scope, groupName: string, name: string): boolean {
    const region = this.regions.get(scopeKey(scope));
    const group = region?.groups.get(groupName);
    const stream = group?.streams.get(name);
    if (!region || !group || !stream) return false;
    this.dropStreamData(stream);
    group.streams.delete(name);
    this.saveCatalog(region);
    return true;
  }

  // ---- events --------------------------------------------------------------------------------------------------

  append(scope: Scope, groupName: string, streamName: string, events: readonly InputLogEvent[], ingestionTime: number): boolean {
    const stream = this.stream(scope, groupName, streamName);
    if (!stream) return false;
    if (events.length === 0) return true;
    let segment = stream.segments.at(-1);
    let pending = '';
    const flush = () => {
      if (pending && segment?.file) this.write(segment.file, pending);
      pending = '';
    };
    for (const event of events) {
      if (!segment || segment.bytes >= SEGMENT_BYTES) {
        flush();
        if (segment?.file) this.closeWriter(segment.file);
        segment = this.newSegment(stream);
      }
      const fields: (number | string)[] = [event.timestamp, ingestionTime, event.message];
      if (event.source !== undefined) fields.push(event.source);
      const line = `${JSON.stringify(fields)}\n`;
      const size = Buffer.byteLength(line);
      if (segment.count % CHUNK === 0) segment.offsets.push(segment.bytes);
      const index = segment.firstIndex + segment.count;
      if (segment.events) {
        const stored: StoredLogEvent = { index, timestamp: event.timestamp, ingestionTime, message: event.message };
        if (event.source !== undefined) stored.source = event.source;
        segment.events.push(stored);
      } else pending += line;
      segment.count++;
      segment.bytes += size;
      this.totalBytes += size;
      segment.minTs = Math.min(segment.minTs, event.timestamp);
      segment.maxTs = Math.max(segment.maxTs, event.timestamp);
      segment.lastTs = event.timestamp;
      segment.lastIngestion = ingestionTime;
      if (stream.firstEventTimestamp === undefined) stream.firstEventTimestamp = event.timestamp;
    }
    flush();
    if (this.totalBytes > this.options.maxBytes) this.enforceCap();
    return true;
  }

  *forward(scope: Scope, groupName: string, streamName: string, from: number, notBefore?: number): Iterable<StoredLogEvent> {
    const stream = this.stream(scope, groupName, streamName);
    if (!stream) return;
    const cutoff = Math.max(this.cutoffOf(scope, groupName), notBefore ?? Number.NEGATIVE_INFINITY);
    let next = Math.max(from, 0);
    for (;;) {
      const segment = stream.segments.find((s) => next < s.firstIndex + s.count);
      if (!segment) return;
      if (next < segment.firstIndex) next = segment.firstIndex;
      if (segment.maxTs < cutoff) {
        next = segment.firstIndex + segment.count;
        continue;
      }
      const chunk = this.chunkOf(segment, Math.floor((next - segment.firstIndex) / CHUNK));
      for (const event of chunk) {
        if (event.index < next) continue;
        if (event.timestamp >= cutoff) yield event;
        next = event.index + 1;
      }
    }
  }

  *backward(scope: Scope, groupName: string, streamName: string, before: number): Iterable<StoredLogEvent> {
    const stream = this.stream(scope, groupName, streamName);
    if (!stream) return;
    const cutoff = this.cutoffOf(scope, groupName);
    let below = before;
    for (;;) {
      const segment = stream.segments.findLast((s) => s.firstIndex < below);
      if (!segment) return;
      below = Math.min(below, segment.firstIndex + segment.count);
      if (segment.maxTs < cutoff) {
        below = segment.firstIndex;
        continue;
      }
      const chunk = this.chunkOf(segment, Math.floor((below - 1 - segment.firstIndex) / CHUNK));
      for (let i = chunk.length - 1; i >= 0; i--) {
        const event = chunk[i]!;
        if (event.index >= below) continue;
        if (event.timestamp >= cutoff) yield event;
        below = event.index;
      }
    }
  }

  enforceRetention(now: number): number {
    let dropped = 0;
    for (const region of this.regions.values()) {
      let changed = false;
      for (const group of region.groups.values()) {
        const cutoff = cutoffFor(group.record, now);
        if (cutoff === Number.NEGATIVE_INFINITY) continue;
        for (const stream of group.streams.values()) {
          while (stream.segments[0] && stream.segments[0].maxTs < cutoff) {
            dropped += stream.segments[0].count;
            this.dropOldestSegment(stream);
            changed = true;
          }
        }
      }
      if (changed) this.saveCatalog(region);
    }
    return dropped;
  }

  close(): void {
    for (const fd of this.writers.values()) fs.closeSync(fd);
    this.writers.clear();
  }

  /** Bytes of events kept, all streams together. */
  bytesKept(): number {
    return this.totalBytes;
  }

  // ---- internals -----------------------------------------------------------------------------------------------

  private region(scope: Scope): RegionLogs {
    const key = scopeKey(scope);
    let region = this.regions.get(key);
    if (!region) {
      region = { scope: { accountId: scope.accountId, region: scope.region }, groups: new Map(), nextStreamId: 1 };
      if (this.options.dir) region.dir = path.join(this.options.dir, `${scope.accountId}-${scope.region}`);
      this.regions.set(key, region);
    }
    return region;
  }

  private stream(scope: Scope, group: string, name: string): StreamState | undefined {
    return this.regions.get(scopeKey(scope))?.groups.get(group)?.streams.get(name);
  }

  private cutoffOf(scope: Scope, groupName: string): number {
    const group = this.regions.get(scopeKey(scope))?.groups.get(groupName);
    return group ? cutoffFor(group.record, this.options.clock.now()) : Number.NEGATIVE_INFINITY;
  }

  private groupView(group: GroupState): LogGroupView {
    let storedBytes = 0;
    for (const stream of group.streams.values()) for (const segment of stream.segments) storedBytes += segment.bytes;
    return { ...structuredClone(group.record), storedBytes };
  }

  private streamView(stream: StreamState, cutoff: number): LogStreamView {
    const last = stream.segments.at(-1);
    const live = stream.segments.filter((s) => s.maxTs >= cutoff);
    const view: LogStreamView = {
      name: stream.name,
      creationTime: stream.creationTime,
      nextIndex: last ? last.firstIndex + last.count : stream.droppedBefore,
      firstIndex: live[0]?.firstIndex ?? (last ? last.firstIndex + last.count : stream.droppedBefore),
    };
    if (stream.firstEventTimestamp !== undefined) view.firstEventTimestamp = stream.firstEventTimestamp;
    if (last) {
      view.lastEventTimestamp = last.lastTs;
      view.lastIngestionTime = last.lastIngestion;
    }
    return view;
  }

  private newSegment(stream: StreamState): Segment {
    const last = stream.segments.at(-1);
    const firstIndex = last ? last.firstIndex + last.count : stream.droppedBefore;
    const segment = emptySegment(firstIndex);
    if (stream.dir) {
      segment.file = path.join(stream.dir, `${String(firstIndex).padStart(12, '0')}.jsonl`);
      fs.writeFileSync(segment.file, '', { flag: 'a' });
    } else {
      segment.events = [];
    }
    stream.segments.push(segment);
    return segment;
  }

  private chunkOf(segment: Segment, chunkNo: number): StoredLogEvent[] {
    if (segment.events) return segment.events.slice(chunkNo * CHUNK, (chunkNo + 1) * CHUNK);
    const file = segment.file!;
    const complete = (chunkNo + 1) * CHUNK <= segment.count;
    const key = `${file}#${chunkNo}`;
    const cached = complete ? this.cache.get(key) : undefined;
    if (cached) {
      this.cache.delete(key);
      this.cache.set(key, cached);
      return cached;
    }
    const start = segment.offsets[chunkNo] ?? segment.bytes;
    const end = segment.offsets[chunkNo + 1] ?? segment.bytes;
    const events = parseLines(readRange(file, start, end), segment.firstIndex + chunkNo * CHUNK);
    if (complete) {
      this.cache.set(key, events);
      if (this.cache.size > CACHED_CHUNKS) this.cache.delete(this.cache.keys().next().value!);
    }
    return events;
  }

  private write(file: string, text: string) {
    let fd = this.writers.get(file);
    if (fd === undefined) {
      if (this.writers.size >= 128) this.closeWriter(this.writers.keys().next().value!);
      fd = fs.openSync(file, 'a');
      this.writers.set(file, fd);
    }
    fs.writeSync(fd, text);
  }

  private closeWriter(file: string) {
    const fd = this.writers.get(file);
    if (fd === undefined) return;
    this.writers.delete(file);
    fs.closeSync(fd);
  }

  private dropOldestSegment(stream: StreamState) {
    const segment = stream.segments.shift();
    if (!segment) return;
    this.totalBytes -= segment.bytes;
    stream.droppedBefore = segment.firstIndex + segment.count;
    this.forgetSegment(segment);
  }

  private forgetSegment(segment: Segment) {
    if (!segment.file) return;
    this.closeWriter(segment.file);
    for (const key of this.cache.keys()) if (key.startsWith(`${segment.file}#`)) this.cache.delete(key);
    fs.rmSync(segment.file, { force: true });
  }

  private dropStreamData(stream: StreamState) {
    for (const segment of stream.segments) {
      this.totalBytes -= segment.bytes;
      this.forgetSegment(segment);
    }
    stream.segments = [];
    if (stream.dir) fs.rmSync(stream.dir, { recursive: true, force: true });
  }

  /** Drops the oldest segments (by their newest event) until a tenth below the cap. */
  private enforceCap() {
    const target = this.options.maxBytes * 0.9;
    let droppedBytes = 0;
    const touched = new Set<RegionLogs>();
    while (this.totalBytes > target) {
      let oldest: { region: RegionLogs; stream: StreamState; segment: Segment } | undefined;
      for (const region of this.regions.values()) {
        for (const group of region.groups.values()) {
          for (const stream of group.streams.values()) {
            const segment = stream.segments[0];
            if (segment && (!oldest || segment.maxTs < oldest.segment.maxTs)) oldest = { region, stream, segment };
          }
        }
      }
      if (!oldest) break;
      droppedBytes += oldest.segment.bytes;
      this.dropOldestSegment(oldest.stream);
      touched.add(oldest.region);
    }
    for (const region of touched) this.saveCatalog(region);
    const now = this.options.clock.now();
    if (droppedBytes > 0 && now - this.lastCapWarning >= 60_000) {
      this.lastCapWarning = now;
      this.options.onCapReached?.({ maxBytes: this.options.maxBytes, droppedBytes });
    }
  }

  private saveCatalog(region: RegionLogs) {
    if (!region.dir) return;
    const catalog: CatalogFile = {
      accountId: region.scope.accountId,
      region: region.scope.region,
      nextStreamId: region.nextStreamId,
      groups: [...region.groups.values()].map((g) => ({
        record: g.record,
        streams: [...g.streams.values()].map((s) => ({
          id: s.id,
          name: s.name,
          creationTime: s.creationTime,
          droppedBefore: s.droppedBefore,
          ...(s.firstEventTimestamp !== undefined ? { firstEventTimestamp: s.firstEventTimestamp } : {}),
        })),
      })),
    };
    fs.mkdirSync(region.dir, { recursive: true });
    // lowdb's file adapter writes a temporary file and renames it over the old one: never a torn catalog.
    catalogFile(region.dir).write(catalog);
  }

  private load(dir: string) {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      if (!entry.isDirectory()) continue;
      const regionDir = path.join(dir, entry.name);
      const catalog = catalogFile(regionDir).read();
      if (!catalog) continue;
      const region: RegionLogs = {
        scope: { accountId: catalog.accountId, region: catalog.region },
        groups: new Map(),
        nextStreamId: catalog.nextStreamId,
        dir: regionDir,
      };
      for (const g of catalog.groups) {
        const group: GroupState = { record: g.record, streams: new Map() };
        for (const s of g.streams) {
          const stream: StreamState = {
            id: s.id,
            name: s.name,
            creationTime: s.creationTime,
            droppedBefore: s.droppedBefore,
            segments: [],
            dir: path.join(regionDir, 'streams', String(s.id)),
          };
          if (s.firstEventTimestamp !== undefined) stream.firstEventTimestamp = s.firstEventTimestamp;
          fs.mkdirSync(stream.dir!, { recursive: true });
          for (const name of fs
            .readdirSync(stream.dir!)
            .filter((f) => /^\d+\.jsonl$/.test(f))
            .sort()) {
            const segment = scanSegment(path.join(stream.dir!, name), Number.parseInt(name, 10));
            if (segment.count === 0 || segment.firstIndex < stream.droppedBefore) {
              fs.rmSync(segment.file!, { force: true });
              continue;
            }
            this.totalBytes += segment.bytes;
            stream.segments.push(segment);
            if (stream.firstEventTimestamp === undefined) stream.firstEventTimestamp = segment.minTs;
          }
          group.streams.set(s.name, stream);
        }
        region.groups.set(g.record.name, group);
      }
      this.regions.set(scopeKey(region.scope), region);
    }
  }
}

const compare = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

function readRange(file: string, start: number, end: number): string {
  if (end <= start) return '';
  const fd = fs.openSync(file, 'r');
  try {
    const buffer = Buffer.alloc(end - start);
    let read = 0;
    while (read < buffer.length) {
      const n = fs.readSync(fd, buffer, read, buffer.length - read, start + read);
      if (n === 0) break;
      read += n;
    }
    return buffer.toString('utf8', 0, read);
  } finally {
    fs.closeSync(fd);
  }
}

function parseLines(text: string, firstIndex: number): StoredLogEvent[] {
  const events: StoredLogEvent[] = [];
  let index = firstIndex;
  for (const line of text.split('\n')) {
    if (line === '') continue;
    const [timestamp, ingestionTime, message, source] = JSON.parse(line) as [number, number, string, string?];
    const event: StoredLogEvent = { index: index++, timestamp, ingestionTime, message };
    if (source !== undefined) event.source = source;
    events.push(event);
  }
  return events;
}

function emptySegment(firstIndex: number): Segment {
  return {
    firstIndex,
    count: 0,
    bytes: 0,
    minTs: Number.POSITIVE_INFINITY,
    maxTs: Number.NEGATIVE_INFINITY,
    lastTs: 0,
    lastIngestion: 0,
    offsets: [],
  };
}

/** Rebuilds a segment's index from its file; a torn last line is cut off. */
function scanSegment(file: string, firstIndex: number): Segment {
  const data = fs.readFileSync(file);
  const segment: Segment = { ...emptySegment(firstIndex), file };
  let start = 0;
  for (;;) {
    const end = data.indexOf(0x0a, start);
    if (end < 0) break;
    let parsed: [number, number, string];
    try {
      parsed = JSON.parse(data.toString('utf8', start, end)) as [number, number, string];
    } catch {
      break;
    }
    if (segment.count % CHUNK === 0) segment.offsets.push(start);
    segment.count++;
    segment.minTs = Math.min(segment.minTs, parsed[0]);
    segment.maxTs = Math.max(segment.maxTs, parsed[0]);
    segment.lastTs = parsed[0];
    segment.lastIngestion = parsed[1];
    start = end + 1;
  }
  segment.bytes = start;
  if (start < data.length) fs.truncateSync(file, start);
  return segment;
}
