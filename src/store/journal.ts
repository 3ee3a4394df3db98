// The journal: what changed since the snapshot, one JSON line per update, appended to numbered segment files
// `state.journal.<k>`. Each process run appends to a new segment, and a compaction starts another, so a segment
// is only ever appended to by one writer and old ones are deleted once a snapshot covers them.
//
// A line is {"n": seq, "s": "<account>/<region>", "c": [[collection, id, value?], ...]}, or for a record of which
// only some top-level fields changed, [collection, id, fields, removedFields]. A line is acknowledged
// only once written whole, newline included, so a last line without its newline (a write cut short by a crash)
// was never acknowledged and is ignored; any other line that does not parse is corruption, and refused.
import fs from 'node:fs/promises';
import path from 'node:path';
import type { JournalChange } from './region-draft.js';
import { refusal } from './state-file.js';

export interface JournalEntry {
  n: number;
  s: string;
  c: JournalChange[];
}

export const JOURNAL_PREFIX = 'state.journal.';

export interface Segment {
  index: number;
  file: string;
}

export async function listSegments(dir: string): Promise<Segment[]> {
  const names = await fs.readdir(dir);
  return names
    .filter((n) => n.startsWith(JOURNAL_PREFIX) && /^\d+$/.test(n.slice(JOURNAL_PREFIX.length)))
    .map((n) => ({ index: Number(n.slice(JOURNAL_PREFIX.length)), file: path.join(dir, n) }))
    .sort((a, b) => a.index - b.index);
}

export const segmentFile = (dir: string, index: number) => path.join(dir, `${JOURNAL_PREFIX}${index}`);

/** The entries of one segment, in order, and its size in bytes. */
export async function readSegment(file: string): Promise<{ entries: JournalEntry[]; bytes: number }> {
  const text = await fs.readFile(file, 'utf8');
  const lines = text.split('\n');
  // The part after the last newline: empty, or a write cut short.
  lines.pop();
  const entries: JournalEntry[] = [];
  lines.forEach((line, i) => {
    let entry: unknown;
    try {
      entry = JSON.parse(line);
    } catch (err) {
      throw refusal(file, `line ${i + 1} is not valid JSON (${(err as Error).message})`);
    }
    if (!isEntry(entry)) throw refusal(file, `line ${i + 1} is not a journal entry`);
    entries.push(entry);
  });
  return { entries, bytes: Buffer.byteLength(text) };
}

function isEntry(v: unknown): v is JournalEntry {
  if (typeof v !== 'object' || v === null) return false;
  const e = v as Record<string, unknown>;
  return (
    Number.isInteger(e.n) &&
    typeof e.s === 'string' &&
    Array.isArray(e.c) &&
    e.c.every(
      (c) =>
        Array.isArray(c) &&
        typeof c[0] === 'string' &&
        (typeof c[1] === 'string' || c[1] === null) &&
        (c.length < 4 || (typeof c[1] === 'string' && typeof c[2] === 'object' && c[2] !== null && Array.isArray(c[3]))),
    )
  );
}

/** An open segment, appended to in whole lines. */
export class SegmentWriter {
  private constructor(
    readonly index: number,
    readonly file: string,
    private readonly fh: fs.FileHandle,
  ) {}

  static async create(dir: string, index: number): Promise<SegmentWriter> {
    const file = segmentFile(dir, index);
    return new SegmentWriter(index, file, await fs.open(file, 'wx'));
  }

  /** Resolves once `text` (whole lines) is in the file. */
  async append(text: string): Promise<void> {
    await this.fh.appendFile(text);
  }

  async close(removeIfEmpty: boolean): Promise<void> {
    const { size } = await this.fh.stat();
    await this.fh.close();
    if (removeIfEmpty && size === 0) await fs.rm(this.file, { force: true });
  }
}
