import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TaskStartFailure } from '../domain/task-agent.js';
import { localPathOf, parseEnvironmentFile, readEnvironmentFiles } from './environment-files.js';

let dir: string;
beforeAll(async () => {
  dir = await fs.mkdtemp(path.join(os.tmpdir(), 'fl-envfiles-'));
  await fs.mkdir(path.join(dir, 'bucket', 'env'), { recursive: true });
  await fs.writeFile(path.join(dir, 'bucket', 'env', 'a.env'), 'A=1\nSHARED=from-a\n');
  await fs.writeFile(path.join(dir, 'bucket', 'env', 'b.env'), 'B=2\nSHARED=from-b\n');
});
afterAll(() => fs.rm(dir, { recursive: true, force: true }));

describe('environment files', () => {
  it('parse as the agent does: comments, lines without =, empty keys skipped; values literal; later lines win', () => {
    expect(parseEnvironmentFile('# c\nA=1\nB = spaced \nC="quoted"\n=novalue\nplain line\nD=x=y\r\nA=2\nE=\n')).toEqual({
      A: '2',
      'B ': ' spaced ',
      C: '"quoted"',
      D: 'x=y',
      E: '',
    });
  });

  it('S3 ARNs map to <dir>/<bucket>/<key>, never outside it', () => {
    expect(localPathOf('arn:aws:s3:::bucket/env/a.env', dir)).toBe(path.join(dir, 'bucket', 'env', 'a.env'));
    expect(localPathOf('arn:aws:s3:::bucket/../../etc/passwd', dir)).toBeNull();
    expect(localPathOf('arn:aws:s3:::bucket', dir)).toBeNull();
    expect(localPathOf('s3://bucket/key', dir)).toBeNull();
  });

  it('the first file that sets a variable wins', async () => {
    const vars = await readEnvironmentFiles(
      [
        { type: 's3', value: 'arn:aws:s3:::bucket/env/a.env' },
        { type: 's3', value: 'arn:aws:s3:::bucket/env/b.env' },
      ],
      dir,
    );
    expect(vars).toEqual({ A: '1', SHARED: 'from-a', B: '2' });
  });

  it('a missing object stops the task with S3’s NoSuchKey', async () => {
    const err = await readEnvironmentFiles([{ type: 's3', value: 'arn:aws:s3:::bucket/env/none.env' }], dir).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(TaskStartFailure);
    expect((err as TaskStartFailure).reason).toMatch(
      /^ResourceInitializationError: failed to download env files: file download command: non empty error stream: service call has been retried 5 time\(s\): NoSuchKey: The specified key does not exist\. status code: 404, request id: /,
    );
  });
});
