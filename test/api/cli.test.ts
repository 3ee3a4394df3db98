// The command line as users run it: `node dist/cli/main.js` (what `npm start` runs), in a child process.
import fs from 'node:fs/promises';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildCommand } from '../../src/config.js';
import { STATE_FILE } from '../../src/store/store.js';
import { cleanEnv, ROOT, runCli, startCli } from '../support/cli-process.js';

const OPTIONS = buildCommand({}).options;

let tmp: string;
beforeAll(async () => {
  tmp = await fs.mkdtemp(path.join(os.tmpdir(), 'fargate-local-cli-'));
});
afterAll(() => fs.rm(tmp, { recursive: true, force: true }));

describe('--help', () => {
  it('lists every option with its environment variable and default, and exits 0', async () => {
    const { code, stdout } = await runCli(['--help']);
    expect(code).toBe(0);
    const help = stdout.replace(/\s+/g, ' ');
    expect(OPTIONS.length).toBeGreaterThan(10);
    for (const option of OPTIONS) {
      expect(help, option.flags).toContain(option.flags);
      if (option.envVar) expect(help, option.flags).toContain(`env: ${option.envVar}`);
      if (option.defaultValue !== undefined) expect(help, option.flags).toContain(`default: ${JSON.stringify(option.defaultValue)}`);
    }
  });

  it('is in the README too: the configuration table names every option and its environment variable', async () => {
    const readme = await fs.readFile(path.join(ROOT, 'README.md'), 'utf8');
    for (const option of OPTIONS) {
      expect(readme, option.long).toContain(`\`${option.long}`);
      if (option.envVar) expect(readme, option.long).toContain(`\`${option.envVar}\``);
    }
  });
});

describe('bad option values', () => {
  it.each([
    [['--port', 'abc'], {}, "option '-p, --port <port>' argument 'abc' is invalid. port must be a whole number from 0 to 65535."],
    [['--port', '70000'], {}, 'port must be a whole number from 0 to 65535.'],
    [[], { PORT: 'abc' }, "value 'abc' from env 'PORT' is invalid"],
    [['--log-level', 'loud'], {}, 'Allowed choices are fatal, error, warn, info, debug, trace, silent.'],
    [['--pull-policy', 'sometimes'], {}, 'Allowed choices are always, once, prefer-cached.'],
    [['--account-id', '123'], {}, 'an account id is 12 digits.'],
    [['--launch-concurrency', '0'], {}, 'launch-concurrency must be a whole number from 1 to 64.'],
    [['--stopped-task-retention', '-1'], {}, 'stopped-task-retention must be a whole number'],
    [['--frobnicate'], {}, "unknown option '--frobnicate'"],
  ])('%j %j exits non-zero saying why', async (args, env, message) => {
    const { code, stderr, stdout } = await runCli(args, cleanEnv(env));
    expect(code).not.toBe(0);
    expect(stderr).toContain(message);
    expect(stdout).not.toContain('listening');
  });
});

describe('startup failures', () => {
  it('refuses a corrupt state file, leaves it as it was and exits 1', async () => {
    const dataDir = path.join(tmp, 'corrupt');
    await fs.mkdir(dataDir);
    await fs.writeFile(path.join(dataDir, STATE_FILE), '{"schemaVersion":1,"sco');
    const { code, stderr } = await runCli(['--data-dir', dataDir]);
    expect(code).toBe(1);
    expect(stderr).toContain(`fargate-local: cannot use the state file ${path.join(dataDir, STATE_FILE)}: it is not valid JSON`);
    expect(await fs.readFile(path.join(dataDir, STATE_FILE), 'utf8')).toBe('{"schemaVersion":1,"sco');
  });

  it('exits 1 when the port is taken', async () => {
    const blocker = net.createServer();
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
    const { port } = blocker.address() as net.AddressInfo;
    try {
      const { code, stderr } = await runCli(['--in-memory', '--port', String(port)]);
      expect(code).toBe(1);
      expect(stderr).toContain('EADDRINUSE');
    } finally {
      blocker.close();
    }
  });
});

describe('boolean flags from the environment', () => {
  const dataDirInLog = async (value: string) => {
    const dataDir = path.join(tmp, `flag-${value || 'empty'}`);
    const cli = await startCli(['--data-dir', dataDir], cleanEnv({ FARGATE_LOCAL_IN_MEMORY: value }));
    const line = cli
      .output()
      .split('\n')
      .find((l) => l.includes('fargate-local is listening'))!;
    expect(await cli.stop()).toBe(0);
    return (JSON.parse(line) as { dataDir: string }).dataDir;
  };

  it('FARGATE_LOCAL_IN_MEMORY=true keeps state in memory; false, 0 or empty keeps it in the data dir', async () => {
    expect(await dataDirInLog('true')).toBe('(in memory)');
    expect(await dataDirInLog('1')).toBe('(in memory)');
    expect(await dataDirInLog('false')).toBe(path.join(tmp, 'flag-false'));
    expect(await dataDirInLog('0')).toBe(path.join(tmp, 'flag-0'));
    expect(await dataDirInLog('')).toBe(path.join(tmp, 'flag-empty'));
  });
});
