// The state document on disk: one JSON file. Reading refuses, with a message naming the file, anything that is
// not a state document this version can use; it never falls back to an empty state, so nothing is overwritten.
// Writing goes through steno (lowdb's writer): a temporary file, then rename(2), so the file is always either
// the old or the new document, even after kill -9.
import fs from 'node:fs/promises';
import type { Adapter } from 'lowdb';
import { TextFile } from 'lowdb/node';
import { migrate, UnsupportedSchemaError } from './migrations.js';
import { SCHEMA_VERSION, type StateDocument } from './schema.js';

export class StateFileError extends Error {}

export class StateFile implements Adapter<StateDocument> {
  private readonly text: TextFile;

  constructor(readonly file: string) {
    this.text = new TextFile(file);
  }

  async read(): Promise<StateDocument | null> {
    let content: string | null;
    try {
      content = await this.text.read();
    } catch (err) {
      throw this.refuse((err as Error).message);
    }
    if (content === null) return null;
    let raw: unknown;
    try {
      raw = JSON.parse(content);
    } catch (err) {
      throw this.refuse(`it is not valid JSON (${(err as Error).message})`);
    }
    try {
      const { document, fromVersion } = migrate(raw);
      if (fromVersion < SCHEMA_VERSION) await this.keepCopy(`${this.file}.v${fromVersion}.bak`);
      return document;
    } catch (err) {
      if (err instanceof UnsupportedSchemaError) throw this.refuse(err.message);
      throw err;
    }
  }

  write(doc: StateDocument): Promise<void> {
    return this.text.write(JSON.stringify(doc));
  }

  /** Before a migrated document replaces the file, the original is kept beside it (once). */
  private async keepCopy(backup: string): Promise<void> {
    await fs.copyFile(this.file, backup, fs.constants.COPYFILE_EXCL).catch((err: NodeJS.ErrnoException) => {
      if (err.code !== 'EEXIST') throw err;
    });
  }

  private refuse(reason: string): StateFileError {
    return new StateFileError(
      `cannot use the state file ${this.file}: ${reason}. fargate-local never replaces a state file it cannot read: ` +
        'fix it, move it away, or start with another --data-dir.',
    );
  }
}
