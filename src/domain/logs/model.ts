// CloudWatch Logs resources as the emulator keeps them (the wire shapes are built from these in src/logs/wire).
import type { Scope } from '../scope.js';

export type LogGroupClass = 'STANDARD' | 'INFREQUENT_ACCESS' | 'DELIVERY';

export interface LogGroupRecord {
  name: string;
  creationTime: number;
  retentionInDays?: number;
  kmsKeyId?: string;
  logGroupClass: LogGroupClass;
  tags: Record<string, string>;
}

/** A group as read back: its record, and what its streams hold. */
export interface LogGroupView extends LogGroupRecord {
  storedBytes: number;
}

export interface LogStreamView {
  name: string;
  creationTime: number;
  firstEventTimestamp?: number;
  lastEventTimestamp?: number;
  lastIngestionTime?: number;
  /** Index the next appended event gets: events are numbered 0, 1, 2... per stream, never reused. */
  nextIndex: number;
  /** Index of the oldest event still kept (retention and the disk cap drop the oldest). */
  firstIndex: number;
}

export interface InputLogEvent {
  timestamp: number;
  message: string;
  /** Where the event came from in a container's output (the log driver's resume point after a restart). */
  source?: string;
}

export interface StoredLogEvent {
  index: number;
  timestamp: number;
  ingestionTime: number;
  message: string;
  source?: string;
}

/**
 * Where log groups, streams and their events live (an adapter: files under the data directory, or memory).
 * Group-level calls return undefined/false for a missing group; the caller turns that into AWS's error.
 */
export interface LogStore {
  createGroup(scope: Scope, record: LogGroupRecord): boolean;
  getGroup(scope: Scope, name: string): LogGroupView | undefined;
  /** The regions that hold any log group. */
  scopes(): Scope[];
  /** Every group of the region, sorted by name. */
  listGroups(scope: Scope): LogGroupView[];
  updateGroup(scope: Scope, name: string, change: (record: LogGroupRecord) => void): boolean;
  deleteGroup(scope: Scope, name: string): boolean;

  createStream(scope: Scope, group: string, name: string, creationTime: number): boolean;
  getStream(scope: Scope, group: string, name: string): LogStreamView | undefined;
  /** Every stream of the group, sorted by name. */
  listStreams(scope: Scope, group: string): LogStreamView[];
  deleteStream(scope: Scope, group: string, name: string): boolean;

  /** Appends events in the given order; false when the stream does not exist. */
  append(scope: Scope, group: string, stream: string, events: readonly InputLogEvent[], ingestionTime: number): boolean;
  /** Events from index `from` (inclusive) upwards, oldest first, lazily; none older than `notBefore` if given. */
  forward(scope: Scope, group: string, stream: string, from: number, notBefore?: number): Iterable<StoredLogEvent>;
  /** Events below index `before` (exclusive), newest first, lazily. */
  backward(scope: Scope, group: string, stream: string, before: number): Iterable<StoredLogEvent>;

  /** Drops events older than their group's retention; returns how many were dropped. */
  enforceRetention(now: number): number;
  close(): void;
}
