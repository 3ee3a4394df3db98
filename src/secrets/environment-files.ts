// Container definitions' `environmentFiles` (S3 objects) from a local directory standing in for S3:
// arn:aws:s3:::<bucket>/<key> is read from <dir>/<bucket>/<key>. Parsing follows the ECS agent
// (agent/taskresource/envFiles): lines starting with '#' are comments, a line counts only when it holds '=', the
// key is what precedes the first '=' and must not be empty, the value is the rest, taken literally. Within a file a
// later line wins; across files the first file that sets a variable wins; the container's own `environment` wins
// over every file.
import { randomUUID } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import { splitArn } from '../domain/arn.js';
import { TaskStartFailure } from '../domain/task-agent.js';

export interface EnvironmentFileSpec {
  value: string;
  type: string;
}

/** Fargate's reason when an environment file cannot be fetched (wording recalled from Fargate, not verified). */
const FAILURE_PREFIX = 'ResourceInitializationError: failed to download env files: ';

export function parseEnvironmentFile(text: string): Record<string, string> {
  const vars: Record<string, string> = {};
  for (const rawLine of text.split('\n')) {
    const line = rawLine.endsWith('\r') ? rawLine.slice(0, -1) : rawLine;
    if (line.startsWith('#')) continue;
    const eq = line.indexOf('=');
    if (eq <= 0) continue;
    vars[line.slice(0, eq)] = line.slice(eq + 1);
  }
  return vars;
}

/** The local file for an S3 object ARN, or null when the ARN is not one or would leave `dir`. */
export function localPathOf(s3Arn: string, dir: string): string | null {
  const arn = splitArn(s3Arn);
  if (arn?.service !== 's3') return null;
  const slash = arn.resource.indexOf('/');
  if (slash <= 0 || slash === arn.resource.length - 1) return null;
  const root = path.resolve(dir);
  const file = path.resolve(root, arn.resource.slice(0, slash), arn.resource.slice(slash + 1));
  return file.startsWith(root + path.sep) ? file : null;
}

/** Merged variables of a container's environment files (first file wins). Throws TaskStartFailure. */
export async function readEnvironmentFiles(files: EnvironmentFileSpec[], dir: string): Promise<Record<string, string>> {
  const merged: Record<string, string> = {};
  for (const f of files) {
    const file = localPathOf(f.value, dir);
    if (f.type !== 's3' || !file) {
      throw new TaskStartFailure(`${FAILURE_PREFIX}unable to parse bucket and key from s3 ARN specified in environmentFile ${f.value}`);
    }
    let text: string;
    try {
      text = await fs.readFile(file, 'utf8');
    } catch {
      throw new TaskStartFailure(
        `${FAILURE_PREFIX}file download command: non empty error stream: service call has been retried 5 time(s): NoSuchKey: The specified key does not exist. status code: 404, request id: ${randomUUID()}`,
      );
    }
    for (const [k, v] of Object.entries(parseEnvironmentFile(text))) if (!Object.hasOwn(merged, k)) merged[k] = v;
  }
  return merged;
}
