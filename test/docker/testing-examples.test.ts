// The documented ways to use fargate-local/testing in a user's suite, run as a user runs them: the vitest and the jest
// example in examples/, each in its own process with its own emulator (from dist/, built by the global setup).
import { spawn } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { LABEL_INSTANCE } from '../../src/runtime/labels.js';
import { cleanEnv, ROOT } from '../support/cli-process.js';
import { BUSYBOX_IMAGE } from './images.js';
import { docker } from './support/docker-harness.js';

function run(args: string[], timeoutMs = 150_000): Promise<{ code: number | null; output: string; pid: number }> {
  return new Promise((resolve, reject) => {
    // The example's emulator takes the machine's metadata address where it can; ours is not running here.
    const env = cleanEnv({ IMAGE: BUSYBOX_IMAGE, AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true', NO_COLOR: '1' });
    delete env.FARGATE_LOCAL_NO_METADATA_ENDPOINT;
    delete env.FORCE_COLOR;
    const child = spawn(process.execPath, args, { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (c) => (output += c));
    child.stderr.on('data', (c) => (output += c));
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`the example suite did not finish within ${timeoutMs} ms:\n${output}`));
    }, timeoutMs);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, output, pid: child.pid ?? 0 });
    });
  });
}

/** Containers of the emulators fargate-local/testing started in process `pid` (instance ids testing-<pid>-<n>). */
async function leftovers(pid: number): Promise<string[]> {
  const all = await docker.listContainers({ all: true, filters: { label: [LABEL_INSTANCE] } });
  return all.filter((c) => c.Labels[LABEL_INSTANCE]?.startsWith(`testing-${pid}-`)).map((c) => c.Id);
}

describe('fargate-local/testing in a user suite', () => {
  it('the vitest example passes, and leaves no container behind', async () => {
    const vitest = path.join(ROOT, 'node_modules', 'vitest', 'vitest.mjs');
    const { code, output, pid } = await run([vitest, 'run', '--root', 'examples/testing-vitest']);
    expect(output).toMatch(/Tests\s+2 passed \(2\)/);
    expect(code).toBe(0);
    expect(await leftovers(pid)).toEqual([]);
  });

  it('the jest example passes, and leaves no container behind', async () => {
    const jest = path.join(ROOT, 'node_modules', 'jest', 'bin', 'jest.js');
    const { code, output, pid } = await run(['--experimental-vm-modules', jest, '--config', 'examples/testing-jest/jest.config.mjs']);
    expect(output).toMatch(/Tests:\s+2 passed, 2 total/);
    expect(code).toBe(0);
    expect(await leftovers(pid)).toEqual([]);
  });
});
