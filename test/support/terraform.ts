// Runs Terraform (with the hashicorp/aws provider from a local mirror, never a registry) against an emulator.
// The CLI config is written to a temporary directory and named by TF_CLI_CONFIG_FILE for these runs only.
// Where terraform or a provider mirror is missing, terraformSetup() says which, so the test can skip with that reason.
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { cp, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { ROOT } from './cli-process.js';

const run = promisify(execFile);

/** The example stack's directory. */
export const TERRAFORM_EXAMPLE = path.join(ROOT, 'examples', 'terraform');

/** Where provider mirrors usually live; FARGATE_LOCAL_TF_PLUGIN_MIRROR names another. */
const MIRROR_CANDIDATES = [
  process.env.FARGATE_LOCAL_TF_PLUGIN_MIRROR,
  '/opt/tf-plugins',
  path.join(os.homedir(), '.terraform.d', 'plugins'),
  path.join(os.homedir(), '.local', 'share', 'terraform', 'plugins'),
  '/usr/local/share/terraform/plugins',
  '/usr/share/terraform/plugins',
].filter((p): p is string => Boolean(p));

const AWS_PROVIDER = path.join('registry.terraform.io', 'hashicorp', 'aws');

export interface TerraformSetup {
  binary: string;
  mirror: string;
}

async function findBinary(): Promise<string | undefined> {
  const candidate = process.env.TERRAFORM_BIN ?? 'terraform';
  try {
    await run(candidate, ['version'], { env: { ...process.env, TF_CLI_CONFIG_FILE: '/dev/null' } });
    return candidate;
  } catch {
    return undefined;
  }
}

/** terraform and a mirror holding hashicorp/aws, or the reason there are none. */
export async function terraformSetup(): Promise<TerraformSetup | string> {
  const binary = await findBinary();
  if (!binary) return 'no terraform on PATH (or TERRAFORM_BIN)';
  const mirror = MIRROR_CANDIDATES.find((m) => existsSync(path.join(m, AWS_PROVIDER)));
  if (!mirror)
    return `no hashicorp/aws provider mirror (looked in ${MIRROR_CANDIDATES.join(', ')}; FARGATE_LOCAL_TF_PLUGIN_MIRROR names another)`;
  return { binary, mirror };
}

export interface TerraformRun {
  code: number;
  stdout: string;
  stderr: string;
}

export interface TerraformWorkspace {
  dir: string;
  /** Runs `terraform <args>` with `-var endpoint=…`-style variables where the command takes them. */
  terraform(args: string[], options?: { allowFailure?: boolean }): Promise<TerraformRun>;
  dispose(): Promise<void>;
}

/**
 * A working copy of the example's `.tf` files (all of them, or those `files` names), initialised from the mirror.
 * Variables are passed to every command as TF_VAR_*.
 */
export async function terraformWorkspace(
  setup: TerraformSetup,
  variables: Record<string, string>,
  files?: readonly string[],
): Promise<TerraformWorkspace> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'fargate-local-tf-'));
  const wanted = files ?? (await readdir(TERRAFORM_EXAMPLE)).filter((f) => f.endsWith('.tf'));
  for (const f of wanted) await cp(path.join(TERRAFORM_EXAMPLE, f), path.join(dir, f));
  const config = path.join(dir, 'terraformrc');
  await writeFile(
    config,
    `provider_installation {
  filesystem_mirror {
    path    = ${JSON.stringify(setup.mirror)}
    include = ["registry.terraform.io/hashicorp/*"]
  }
  direct {
    exclude = ["registry.terraform.io/hashicorp/*"]
  }
}
`,
  );
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    TF_CLI_CONFIG_FILE: config,
    TF_IN_AUTOMATION: '1',
    TF_INPUT: '0',
    CHECKPOINT_DISABLE: '1',
    TF_DATA_DIR: path.join(dir, '.terraform'),
    ...Object.fromEntries(Object.entries(variables).map(([k, v]) => [`TF_VAR_${k}`, v])),
  };
  // The provider must not find real credentials or profiles of the machine.
  for (const k of Object.keys(env)) if (/^AWS_/.test(k)) delete env[k];
  const terraform = async (args: string[], options: { allowFailure?: boolean } = {}): Promise<TerraformRun> => {
    try {
      const { stdout, stderr } = await run(setup.binary, [...args, '-no-color'], { cwd: dir, env, maxBuffer: 64 * 1024 * 1024 });
      return { code: 0, stdout, stderr };
    } catch (err) {
      const e = err as { code?: number; stdout?: string; stderr?: string };
      const result = { code: typeof e.code === 'number' ? e.code : 1, stdout: e.stdout ?? '', stderr: e.stderr ?? '' };
      if (options.allowFailure) return result;
      throw new Error(`terraform ${args.join(' ')} exited ${result.code}:\n${result.stderr}\n${result.stdout.slice(-4000)}`);
    }
  };
  await terraform(['init']);
  return { dir, terraform, dispose: () => rm(dir, { recursive: true, force: true }) };
}
