// Runs the real AWS CLI against the emulator, as a second client independent of the JavaScript SDK.
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, expect } from 'vitest';
import { startTestEmulator, type TestEmulator } from './emulator.js';

/**
 * Debian's awscli (version 2, installed by scripts/test-prerequisites.sh when the CLI found here is not version 2)
 * first, then whatever `aws` is on PATH.
 */
export function findAwsCli(): string {
  const candidates = ['/usr/bin/aws', ...(process.env.PATH ?? '').split(path.delimiter).map((dir) => path.join(dir, 'aws'))];
  const found = candidates.find((file) => {
    try {
      fs.accessSync(file, fs.constants.X_OK);
      return true;
    } catch {
      return false;
    }
  });
  if (!found) {
    throw new Error(
      "the AWS CLI (`aws`) is not installed. `npm test` installs Debian's awscli on Debian as root; here: apt-get install awscli",
    );
  }
  return found;
}

export interface AwsResult {
  code: number;
  stdout: string;
  stderr: string;
  /** stdout parsed as JSON (undefined when empty). */
  // biome-ignore lint/suspicious/noExplicitAny: the CLI prints whatever the operation returns
  json: any;
}

export interface AwsCli {
  version: string;
  run(args: string[]): Promise<AwsResult>;
  dispose(): void;
}

/** A CLI bound to one endpoint, with dummy credentials and no access to the user's AWS configuration. */
export async function awsCliFor(endpoint: string, region = 'us-east-1'): Promise<AwsCli> {
  const bin = findAwsCli();
  const home = fs.mkdtempSync(path.join(os.tmpdir(), 'fargate-local-awscli-'));
  const emptyFile = path.join(home, 'empty');
  fs.writeFileSync(emptyFile, '');
  const env: NodeJS.ProcessEnv = { PATH: process.env.PATH, LANG: 'C.UTF-8', HOME: home };
  Object.assign(env, {
    AWS_ACCESS_KEY_ID: 'AKIDTEST',
    AWS_SECRET_ACCESS_KEY: 'test',
    AWS_DEFAULT_REGION: region,
    AWS_CONFIG_FILE: emptyFile,
    AWS_SHARED_CREDENTIALS_FILE: emptyFile,
    AWS_EC2_METADATA_DISABLED: 'true',
    AWS_PAGER: '',
    AWS_MAX_ATTEMPTS: '1',
    AWS_RETRY_MODE: 'standard',
  });
  const exec = (args: string[]) =>
    new Promise<AwsResult>((resolve, reject) => {
      execFile(bin, args, { env, timeout: 60_000 }, (err, stdout, stderr) => {
        const code = err ? (typeof err.code === 'number' ? err.code : -1) : 0;
        if (err && code === -1) return reject(err);
        let json: unknown;
        try {
          json = stdout.trim() ? JSON.parse(stdout) : undefined;
        } catch {
          json = undefined;
        }
        resolve({ code, stdout, stderr, json });
      });
    });
  const version = (await exec(['--version'])).stdout.trim();
  return {
    version,
    // The endpoint is always given explicitly: nothing may ever go to real AWS.
    run: (args) => exec(['--endpoint-url', endpoint, '--output', 'json', ...args]),
    dispose: () => fs.rmSync(home, { recursive: true, force: true }),
  };
}

/** `aws <args>` that must succeed (nothing on stderr, exit 0); its parsed output. */
// biome-ignore lint/suspicious/noExplicitAny: the CLI prints whatever the operation returns
export async function awsOk(aws: AwsCli, args: string[]): Promise<any> {
  const result = await aws.run(args);
  expect(result.stderr, `aws ${args.join(' ')}`).toBe('');
  expect(result.code).toBe(0);
  return result.json;
}

export interface EmulatorWithCli {
  readonly emu: TestEmulator;
  readonly aws: AwsCli;
  /** `aws <args>` that must succeed; its parsed output. */
  // biome-ignore lint/suspicious/noExplicitAny: see awsOk
  ok(...args: string[]): Promise<any>;
}

/** For a test file: an emulator and the AWS CLI bound to it, started before the file's tests and closed after. */
export function useEmulatorWithCli(): EmulatorWithCli {
  let emu: TestEmulator | undefined;
  let aws: AwsCli | undefined;
  beforeAll(async () => {
    emu = await startTestEmulator();
    aws = await awsCliFor(emu.endpoint);
  });
  afterAll(async () => {
    aws?.dispose();
    await emu?.close();
  });
  return {
    get emu() {
      if (!emu) throw new Error('the emulator is started in beforeAll');
      return emu;
    },
    get aws() {
      return boundCli();
    },
    ok: (...args) => awsOk(boundCli(), args),
  };
  function boundCli(): AwsCli {
    if (!aws) throw new Error('the AWS CLI is bound in beforeAll');
    return aws;
  }
}
