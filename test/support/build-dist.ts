// vitest globalSetup for the api project: compiles src/ into dist/ (what `npm start` runs) once per run,
// so the tests that spawn the real command line never depend on an earlier manual build.
import { execFile } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

export default async function buildDist(): Promise<void> {
  const tsc = path.join(ROOT, 'node_modules', '.bin', 'tsc');
  try {
    await promisify(execFile)(tsc, ['-p', 'tsconfig.build.json'], { cwd: ROOT });
  } catch (err) {
    const { stdout = '', stderr = '' } = err as { stdout?: string; stderr?: string };
    throw new Error(`building dist/ for the CLI tests failed:\n${stdout}${stderr}`);
  }
}
