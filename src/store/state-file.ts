// The snapshot on disk, `state.json`: the whole document as of journal entry `seq`. Reading refuses, with a message
// naming the file, anything that is not a state document this version can use; it never falls back to an empty
// state, so nothing is overwritten. Writing goes to a temporary file, fsync'ed, then renamed over the old one, so
// the file is always either the old or the new snapshot, even after kill -9 or a power cut. The text is produced
// record by record, yielding to the event loop, so a snapshot of 10,000 tasks never stalls the API.
import fs from 'node:fs/promises';
import path from 'node:path';
import { migrate, UnsupportedSchemaError } from './migrations.js';
import { SCHEMA_VERSION, type StateDocument } from './schema.js';

export class StateFileError extends Error {}

/** Longest stretch of serialization between two yields to the event loop. */
const SLICE_MS = 8;
/** Bytes gathered before a write to the file. */
const CHUNK = 1 << 20;

export class StateFile {
  constructor(readonly file: string) {}

  /** The document, migrated to SCHEMA_VERSION (the original kept as `state.json.v<N>.bak`), or null when absent. */
  async read(): Promise<{ document: StateDocument; fromVersion: number } | null> {
    let content: string;
    try {
      content = await fs.readFile(this.file, 'utf8');
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null;
      throw this.refuse((err as Error).message);
    }
    let raw: unknown;
    try {
      raw = JSON.parse(content);
    } catch (err) {
      throw this.refuse(`it is not valid JSON (${(err as Error).message})`);
    }
    try {
      const migrated = migrate(raw);
      if (migrated.fromVersion < SCHEMA_VERSION) await this.keepCopy(`${this.file}.v${migrated.fromVersion}.bak`);
      return migrated;
    } catch (err) {
      if (err instanceof UnsupportedSchemaError) throw this.refuse(err.message);
      throw err;
    }
  }

  /** Replaces the file with `doc`, atomically and durably. Collections may change while it runs (see Store). */
  async write(doc: StateDocument): Promise<number> {
    const tmp = `${this.file}.tmp`;
    const fh = await fs.open(tmp, 'w');
    let bytes = 0;
    try {
      let buffer = '';
      const emit = async (text: string) => {
        buffer += text;
        if (buffer.length >= CHUNK) {
          bytes += Buffer.byteLength(buffer);
          await fh.write(buffer);
          buffer = '';
        }
      };
      let sliceStart = performance.now();
      const maybeYield = async () => {
        if (performance.now() - sliceStart < SLICE_MS) return;
        await new Promise((resolve) => setImmediate(resolve));
        sliceStart = performance.now();
      };
      const { scopes, ...head } = doc;
      const headText = JSON.stringify(head);
      await emit(`${headText.slice(0, -1)},"scopes":{`);
      let firstScope = true;
      for (const key of Object.keys(scopes)) {
        const region = scopes[key] as unknown as Record<string, unknown>;
        if (!region) continue;
        await emit(`${firstScope ? '' : ','}${JSON.stringify(key)}:{`);
        firstScope = false;
        let firstField = true;
        for (const field of Object.keys(region)) {
          const value = region[field];
          if (value === undefined) continue;
          await emit(`${firstField ? '' : ','}${JSON.stringify(field)}:`);
          firstField = false;
          if (typeof value !== 'object' || value === null || Array.isArray(value)) {
            await emit(JSON.stringify(value));
            continue;
          }
          // A collection: its keys as of now; each record as it is when reached (later changes are in the journal).
          const collection = value as Record<string, unknown>;
          let firstRecord = true;
          await emit('{');
          for (const id of Object.keys(collection)) {
            const record = collection[id];
            if (record === undefined) continue;
            await emit(`${firstRecord ? '' : ','}${JSON.stringify(id)}:${JSON.stringify(record)}`);
            firstRecord = false;
            await maybeYield();
          }
          await emit('}');
        }
        await emit('}');
      }
      buffer += '}}';
      bytes += Buffer.byteLength(buffer);
      await fh.write(buffer);
      await fh.sync();
    } finally {
      await fh.close();
    }
    await fs.rename(tmp, this.file);
    await syncDirectory(path.dirname(this.file));
    return bytes;
  }

  /** Before a migrated document replaces the file, the original is kept beside it (once). */
  private async keepCopy(backup: string): Promise<void> {
    await fs.copyFile(this.file, backup, fs.constants.COPYFILE_EXCL).catch((err: NodeJS.ErrnoException) => {
      if (err.code !== 'EEXIST') throw err;
    });
  }

  private refuse(reason: string): StateFileError {
    return refusal(this.file, reason);
  }
}

export function refusal(file: string, reason: string): StateFileError {
  return new StateFileError(
    `cannot use the state file ${file}: ${reason}. fargate-local never replaces a state file it cannot read: ` +
      'fix it, move it away, or start with another --data-dir.',
  );
}

/** Makes a rename or unlink in `dir` durable. */
export async function syncDirectory(dir: string): Promise<void> {
  const fh = await fs.open(dir, 'r');
  try {
    await fh.sync();
  } finally {
    await fh.close();
  }
}
