// The image of the short-lived helper that writes a task's security group rules into its network namespace
// (iptables-restore). No registry is needed where the emulator runs on Linux with iptables installed: the image is
// built from this machine's own `xtables-nft-multi`, the libraries `ldd` lists for it and its extensions, and
// imported with `POST /images/create?fromSrc=-` (about 6 MB; content-addressed, so it is built once). Elsewhere
// (macOS with Docker Desktop, a host without iptables) a small public image with iptables is pulled instead.
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import { Readable } from 'node:stream';
import { promisify } from 'node:util';
import type Dockerode from 'dockerode';
import tar from 'tar-stream';
import { isNotFound } from './docker-errors.js';
import { LABEL_CONTENT_HASH, LABEL_ROLE } from './labels.js';
import { drain } from './pause-image-import.js';

const run = promisify(execFile);

/** A Kubernetes build image with iptables, kept up to date upstream (multi-architecture). */
export const DEFAULT_FIREWALL_PULL_IMAGE = 'registry.k8s.io/build-image/distroless-iptables:v0.8.7';
const FIREWALL_IMAGE_REPO = 'fargate-local/iptables';
const FORMAT_VERSION = '1';
const BINARY_DIRS = ['/usr/sbin', '/sbin', '/usr/bin', '/bin'];
const MODULES_IN_IMAGE = '/xtables';
const BINARY_IN_IMAGE = '/sbin/xtables-nft-multi';

export interface FirewallImage {
  image: string;
  /** How to run iptables-restore in it; the rules file is the one argument after this. */
  entrypoint: string[];
}

export interface HostIptables {
  binary: string;
  /** Extension modules (libxt_*.so …). */
  modules: string[];
  /** Every shared object the binary and the modules need, the dynamic loader included. */
  libraries: string[];
}

/** The shared objects `ldd` prints for a file: `name => /path (addr)` and the loader's own `/path (addr)`. */
export function parseLdd(output: string): string[] {
  const found: string[] = [];
  for (const line of output.split('\n')) {
    const m = /=>\s*(\/\S+)/.exec(line) ?? /^\s*(\/\S+)\s+\(0x/.exec(line);
    if (m) found.push(m[1]!);
  }
  return found;
}

async function exists(file: string): Promise<boolean> {
  return fs.access(file).then(
    () => true,
    () => false,
  );
}

/** What `ldd` lists for the files (one run for all of them). */
async function ldd(files: string[]): Promise<string[]> {
  const { stdout } = await run('ldd', files, { timeout: 20_000, maxBuffer: 16 * 1024 * 1024 });
  return parseLdd(stdout);
}

/** This machine's nft iptables and what it needs, or null when there is none (or it is not Linux). */
export async function findHostIptables(): Promise<HostIptables | null> {
  if (process.platform !== 'linux') return null;
  let binary: string | null = null;
  for (const dir of BINARY_DIRS) {
    if (await exists(path.join(dir, 'xtables-nft-multi'))) {
      binary = path.join(dir, 'xtables-nft-multi');
      break;
    }
  }
  if (!binary) return null;
  try {
    const libraries = await ldd([binary]);
    const libxtables = libraries.find((l) => path.basename(l).startsWith('libxtables.so'));
    const libDir = libxtables ? path.dirname(libxtables) : '/usr/lib';
    const candidates = [`${libDir}/xtables`, `/usr${libDir}/xtables`, '/usr/lib/xtables', '/usr/lib64/xtables', '/usr/libexec/xtables'];
    let modulesDir: string | null = null;
    for (const dir of candidates) {
      if (await exists(dir)) {
        modulesDir = dir;
        break;
      }
    }
    if (!modulesDir) return null;
    const modules = (await fs.readdir(modulesDir)).filter((f) => f.endsWith('.so')).map((f) => path.join(modulesDir, f));
    const needed = new Set([...libraries, ...(modules.length ? await ldd(modules) : [])]);
    return { binary, modules, libraries: [...needed].sort() };
  } catch {
    return null;
  }
}

/** The image's file tree as a tar: files dereferenced, the modules under /xtables (XTABLES_LIBDIR). */
export async function hostIptablesTar(host: HostIptables): Promise<{ tar: Buffer; hash: string }> {
  const entries: [string, Buffer][] = [[BINARY_IN_IMAGE, await fs.readFile(host.binary)]];
  for (const lib of host.libraries) entries.push([lib, await fs.readFile(lib)]);
  for (const m of host.modules) entries.push([`${MODULES_IN_IMAGE}/${path.basename(m)}`, await fs.readFile(m)]);
  if (await exists('/etc/protocols')) entries.push(['/etc/protocols', await fs.readFile('/etc/protocols')]);
  entries.sort(([a], [b]) => a.localeCompare(b));
  const hash = createHash('sha256').update(FORMAT_VERSION);
  for (const [name, data] of entries) hash.update(name).update(data);
  const pack = tar.pack();
  const epoch = new Date(0);
  const dirs = new Set<string>(['tmp']);
  for (const [name] of entries) {
    const parts = name.split('/').filter(Boolean).slice(0, -1);
    for (let i = 1; i <= parts.length; i++) dirs.add(parts.slice(0, i).join('/'));
  }
  for (const dir of [...dirs].sort())
    pack.entry({ name: `${dir}/`, type: 'directory', mode: dir === 'tmp' ? 0o1777 : 0o755, mtime: epoch });
  for (const [name, data] of entries) pack.entry({ name: name.slice(1), mode: 0o755, mtime: epoch }, data);
  pack.finalize();
  const chunks: Buffer[] = [];
  for await (const chunk of pack) chunks.push(chunk as Buffer);
  return { tar: Buffer.concat(chunks), hash: hash.digest('hex') };
}

const ENGINE_ARCH: Record<string, string> = { x64: 'x86_64', arm64: 'aarch64' };

/** Builds (once) the helper image from this machine's iptables; null when it cannot. */
export async function buildFirewallImage(docker: Dockerode, engineArchitecture: string | undefined): Promise<FirewallImage | null> {
  if (ENGINE_ARCH[process.arch] !== engineArchitecture) return null;
  const host = await findHostIptables();
  if (!host) return null;
  const { tar: archive, hash } = await hostIptablesTar(host);
  const tag = hash.slice(0, 12);
  const image = `${FIREWALL_IMAGE_REPO}:${tag}`;
  const entrypoint = [BINARY_IN_IMAGE, 'iptables-restore'];
  try {
    await docker.getImage(image).inspect();
    return { image, entrypoint };
  } catch (err) {
    if (!isNotFound(err)) throw err;
  }
  const stream = await docker.importImage(Readable.from([archive]), {
    repo: FIREWALL_IMAGE_REPO,
    tag,
    changes: [`ENV XTABLES_LIBDIR=${MODULES_IN_IMAGE}`, `LABEL ${LABEL_ROLE}=firewall-image`, `LABEL ${LABEL_CONTENT_HASH}=${hash}`],
  } as object);
  await drain(stream as unknown as Readable);
  await docker.getImage(image).inspect();
  return { image, entrypoint };
}
