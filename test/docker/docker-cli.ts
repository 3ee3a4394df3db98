// Small helpers over the docker and docker-compose command lines, for the packaging tests.
import { execFile } from 'node:child_process';

export interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs a command; never rejects on a non-zero exit (check `code`). */
export function run(
  file: string,
  args: string[],
  options: { env?: NodeJS.ProcessEnv; cwd?: string; timeoutMs?: number } = {},
): Promise<Run> {
  return new Promise((resolve, reject) => {
    execFile(
      file,
      args,
      { env: options.env ?? process.env, cwd: options.cwd, timeout: options.timeoutMs ?? 120_000, maxBuffer: 64 * 1024 * 1024 },
      (err, stdout, stderr) => {
        if (err && typeof err.code !== 'number') return reject(err);
        resolve({ code: err ? (err.code as unknown as number) : 0, stdout, stderr });
      },
    );
  });
}

/** Runs a command and rejects, with its output, unless it exits 0. */
export async function must(file: string, args: string[], options: Parameters<typeof run>[2] = {}): Promise<string> {
  const result = await run(file, args, options);
  if (result.code !== 0) {
    throw new Error(`${file} ${args.join(' ')} exited ${result.code}:\n${result.stdout.slice(-4000)}\n${result.stderr.slice(-4000)}`);
  }
  return result.stdout;
}

/**
 * Removes an image and every image built on top of it (the classic builder keeps each step of every stage as an
 * untagged image). Only images descending from `base` are touched, so a unique base removes exactly our builds.
 */
export async function removeImageAndDescendants(base: string): Promise<void> {
  const inspect = await run('docker', ['image', 'inspect', '--format', '{{.Id}}', base]);
  if (inspect.code !== 0) return;
  const baseId = inspect.stdout.trim();
  const ids = (await must('docker', ['images', '--all', '--quiet', '--no-trunc'])).split('\n').filter(Boolean);
  const parentOf = new Map<string, string>();
  if (ids.length > 0) {
    const lines = await must('docker', ['image', 'inspect', '--format', '{{.Id}} {{.Parent}}', ...new Set(ids)]);
    for (const line of lines.split('\n').filter(Boolean)) {
      const [id, parent] = line.split(' ');
      if (id && parent) parentOf.set(id, parent);
    }
  }
  const depth = (id: string): number => {
    let d = 0;
    for (let cur = parentOf.get(id); cur; cur = parentOf.get(cur)) {
      d += 1;
      if (cur === baseId) return d;
    }
    return -1;
  };
  const descendants = [...parentOf.keys()].map((id) => ({ id, d: depth(id) })).filter((x) => x.d > 0);
  descendants.sort((a, b) => b.d - a.d);
  for (const { id } of descendants) await run('docker', ['rmi', '--force', id]);
  await run('docker', ['rmi', '--force', baseId]);
}
