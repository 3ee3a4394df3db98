// Security group rules written into a task's network namespace from the emulator's own side: `nsenter` into the
// pause container's namespace (through /proc/<pid>/ns/net) and run this host's nft iptables-restore there. It costs a
// process spawn instead of a helper container's create/start/wait/remove, so it is the first choice wherever it can
// work: the emulator runs on the Docker host itself (not in a container), as root, with nsenter and iptables.
//
// The pid comes from the engine; before entering, the process behind it is checked to be that container (its cgroup
// path names the container id), so an emulator that shares no pid namespace with the engine never writes rules into
// some unrelated process's namespace: it reports `unavailable` and the helper container takes over.
import { spawn } from 'node:child_process';
import fs from 'node:fs/promises';
import path from 'node:path';

const BINARY_DIRS = ['/usr/sbin', '/sbin', '/usr/bin', '/bin'];
/** iptables-restore of a task's few dozen rules takes milliseconds; a stuck one must not hold a launch. */
const RESTORE_DEADLINE_MS = 10_000;

/** The host path cannot serve this container (not the same host, not root, no tools); use the helper instead. */
export class HostNamespaceUnavailable extends Error {}

export interface RunResult {
  code: number | null;
  output: string;
}

/** Runs a command with `input` on stdin; resolves with its exit code and combined output. */
export type CommandRunner = (file: string, args: string[], input: string, deadlineMs: number) => Promise<RunResult>;

export interface HostNamespaceRulesDeps {
  run?: CommandRunner;
  readFile?: (file: string) => Promise<string>;
  exists?: (file: string) => Promise<boolean>;
  isRoot?: () => boolean;
}

export class HostNamespaceRules {
  private tools: Promise<{ nsenter: string; iptables: string } | null> | null = null;
  private readonly run: CommandRunner;
  private readonly readFile: (file: string) => Promise<string>;
  private readonly exists: (file: string) => Promise<boolean>;
  private readonly isRoot: () => boolean;

  constructor(deps: HostNamespaceRulesDeps = {}) {
    this.run = deps.run ?? runCommand;
    this.readFile = deps.readFile ?? ((file) => fs.readFile(file, 'utf8'));
    this.exists = deps.exists ?? fileExists;
    this.isRoot = deps.isRoot ?? (() => process.platform === 'linux' && process.getuid?.() === 0);
  }

  /**
   * Replaces the filter rules in the network namespace of `pid`, the main process of container `containerId`
   * (`noflush`: adds to the tables instead). Throws HostNamespaceUnavailable when this host path cannot be used for
   * it, Error when iptables-restore fails.
   */
  async restore(containerId: string, pid: number, rules: string, noflush = false): Promise<void> {
    const tools = await this.findTools();
    if (!tools) throw new HostNamespaceUnavailable('not root on a Linux host with nsenter and iptables (xtables-nft-multi)');
    if (!Number.isInteger(pid) || pid <= 0) throw new HostNamespaceUnavailable(`container ${containerId} has no process id`);
    const cgroup = await this.readFile(`/proc/${pid}/cgroup`).catch(() => '');
    if (!cgroup.includes(containerId)) {
      throw new HostNamespaceUnavailable(`process ${pid} is not visible here as container ${containerId.slice(0, 12)}`);
    }
    const { code, output } = await this.run(
      tools.nsenter,
      [`--net=/proc/${pid}/ns/net`, '--', tools.iptables, 'iptables-restore', ...(noflush ? ['--noflush'] : [])],
      rules,
      RESTORE_DEADLINE_MS,
    );
    if (code !== 0) throw new Error(`iptables-restore exited ${code ?? 'on its deadline'}: ${output.trim()}`);
  }

  private findTools(): Promise<{ nsenter: string; iptables: string } | null> {
    this.tools ??= (async () => {
      if (!this.isRoot()) return null;
      const nsenter = await this.firstExisting('nsenter');
      const iptables = await this.firstExisting('xtables-nft-multi');
      return nsenter && iptables ? { nsenter, iptables } : null;
    })();
    return this.tools;
  }

  private async firstExisting(name: string): Promise<string | null> {
    for (const dir of BINARY_DIRS) {
      const file = path.join(dir, name);
      if (await this.exists(file)) return file;
    }
    return null;
  }
}

async function fileExists(file: string): Promise<boolean> {
  return fs.access(file).then(
    () => true,
    () => false,
  );
}

function runCommand(file: string, args: string[], input: string, deadlineMs: number): Promise<RunResult> {
  return new Promise((resolve) => {
    const child = spawn(file, args, { stdio: ['pipe', 'pipe', 'pipe'], timeout: deadlineMs, killSignal: 'SIGKILL' });
    const output: Buffer[] = [];
    child.stdout.on('data', (c: Buffer) => output.push(c));
    child.stderr.on('data', (c: Buffer) => output.push(c));
    child.on('error', (err) => resolve({ code: null, output: err.message }));
    child.on('close', (code) => resolve({ code, output: Buffer.concat(output).toString('utf8') }));
    child.stdin.on('error', () => undefined);
    child.stdin.end(input);
  });
}
