// The command line as users run it: `node dist/cli/main.js` (what `npm start` runs), in a child process.
import fs from 'node:fs/promises';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildCommand, OPTIONS, README_OPTIONS_BEGIN, README_OPTIONS_END, renderReadmeOptions } from '../../src/config.js';
import { STATE_FILE } from '../../src/store/store.js';
import { cleanEnv, ROOT, runCli, startCli } from '../support/cli-process.js';

const COMMAND_OPTIONS = buildCommand({}).options;

let tmp: string;
beforeAll(async () => {
  tmp = await fs.mkdtemp(path.join(os.tmpdir(), 'fargate-local-cli-'));
});
afterAll(() => fs.rm(tmp, { recursive: true, force: true }));

describe('--help', () => {
  it('lists every option of the table with its environment variable and default, by group, and exits 0', async () => {
    const { code, stdout } = await runCli(['--help']);
    expect(code).toBe(0);
    const help = stdout.replace(/\s+/g, ' ');
    expect(OPTIONS.length).toBeGreaterThan(10);
    expect(COMMAND_OPTIONS.map((o) => o.flags)).toEqual(OPTIONS.map((d) => d.flags));
    for (const option of COMMAND_OPTIONS) {
      const descriptor = OPTIONS.find((d) => d.flags === option.flags)!;
      expect(help, option.flags).toContain(option.flags);
      if (descriptor.env) expect(help, option.flags).toContain(`env: ${descriptor.env}`);
      if (option.defaultValue !== undefined) expect(help, option.flags).toContain(`default: ${JSON.stringify(option.defaultValue)}`);
    }
    const groups = [...new Set(OPTIONS.map((d) => d.group))];
    const positions = groups.map((g) => stdout.indexOf(`${g}:`));
    expect(positions.every((p) => p >= 0)).toBe(true);
    expect([...positions].sort((a, b) => a - b)).toEqual(positions);
  });

  it('is in the README too: its configuration tables are the ones generated from the option table (npm run docs:options)', async () => {
    const readme = await fs.readFile(path.join(ROOT, 'README.md'), 'utf8');
    const begin = readme.indexOf(README_OPTIONS_BEGIN) + README_OPTIONS_BEGIN.length;
    const end = readme.indexOf(README_OPTIONS_END);
    expect(begin).toBeGreaterThan(README_OPTIONS_BEGIN.length - 1);
    expect(readme.slice(begin, end).trim()).toBe(renderReadmeOptions());
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
