// Runs the real command line (`node dist/cli/main.js`, built by test/support/build-dist.ts) as a child process.
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const CLI = path.join(ROOT, 'dist', 'cli', 'main.js');

/** An environment without the variables the CLI reads, so the machine's settings cannot leak into a test. */
export function cleanEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [k, v] of Object.entries(process.env)) {
    if (/^(PORT|HOST|LOG_LEVEL|FARGATE_LOCAL_.*|AWS_.*|NODE_ENV)$/.test(k)) continue;
    env[k] = v;
  }
  // The endpoint at 169.254.170.2:80 is one per machine: CLI processes of the API tests must not hold it while the
  // Docker tests (run alongside) serve it to their tasks.
  return { ...env, FARGATE_LOCAL_NO_METADATA_ENDPOINT: 'true', ...extra };
}

export interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs the CLI to completion (for --help and bad flags). */
export function runCli(args: string[], env: NodeJS.ProcessEnv = cleanEnv(), timeoutMs = 15_000): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CLI, ...args], { env, cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`fargate-local ${args.join(' ')} did not exit within ${timeoutMs} ms:\n${stdout}${stderr}`));
    }, timeoutMs);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}

export interface RunningCli {
  child: ChildProcess;
  endpoint: string;
  /** Everything written so far. */
  output(): string;
  /** SIGKILL, and resolves once the process is gone. */
  kill9(): Promise<void>;
  /** SIGTERM (a clean stop), and resolves with the exit code. */
  stop(): Promise<number | null>;
}

/** Starts the emulator on a free port and resolves once it listens. */
export function startCli(args: string[], env: NodeJS.ProcessEnv = cleanEnv(), timeoutMs = 15_000): Promise<RunningCli> {
  const child = spawn(process.execPath, [CLI, '--port', '0', '--log-level', 'info', ...args], {
    env,
    cwd: ROOT,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  const handle = (endpoint: string): RunningCli => ({
    child,
    endpoint,
    output: () => output,
    async kill9() {
      child.kill('SIGKILL');
      await exited;
    },
    async stop() {
      child.kill('SIGTERM');
      return exited;
    },
  });
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`fargate-local did not start within ${timeoutMs} ms:\n${output}`));
    }, timeoutMs);
    child.stderr!.on('data', (d) => (output += d));
    let listening = false;
    child.stdout!.on('data', (d: Buffer) => {
      output += d;
      if (listening) return;
      for (const line of output.split('\n')) {
        const endpoint = listeningEndpoint(line);
        if (endpoint) {
          listening = true;
          clearTimeout(timer);
          resolve(handle(endpoint));
          return;
        }
      }
    });
    void exited.then((code) => {
      clearTimeout(timer);
      reject(new Error(`fargate-local exited (${code}) before listening:\n${output}`));
    });
  });
}

function listeningEndpoint(line: string): string | null {
  if (!line.startsWith('{')) return null;
  try {
    const entry = JSON.parse(line) as { msg?: string; endpoint?: string };
    return entry.msg === 'fargate-local is listening' && entry.endpoint ? entry.endpoint : null;
  } catch {
    return null;
  }
}
