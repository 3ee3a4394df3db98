// Test images, built without a registry: `docker import` of a tar made here. fargate-local-test/busybox:latest
// holds the host's static busybox (Debian's busybox-static) with a symlink for every applet. Idempotent: skipped
// when an image with the same content hash exists. Note: busybox 1.35's `wget -T` segfaults; use `timeout N wget`.
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { Readable } from 'node:stream';
import type Dockerode from 'dockerode';
import tar from 'tar-stream';
import { drain } from '../../src/runtime/pause-image-import.js';
import { LABEL_CONTENT_HASH } from '../../src/runtime/labels.js';

export const BUSYBOX_IMAGE = 'fargate-local-test/busybox:latest';
const FORMAT_VERSION = '1';
const BUSYBOX_PATHS = ['/bin/busybox', '/usr/bin/busybox'];

/** True when the ELF has no PT_INTERP segment, i.e. it runs without a dynamic loader. */
function isStaticElf(file: Buffer): boolean {
  if (file.readUInt32BE(0) !== 0x7f454c46 || file[4] !== 2) return false;
  const phoff = Number(file.readBigUInt64LE(32));
  const phentsize = file.readUInt16LE(54);
  const phnum = file.readUInt16LE(56);
  for (let i = 0; i < phnum; i++) if (file.readUInt32LE(phoff + i * phentsize) === 3) return false;
  return true;
}

function findStaticBusybox(): string | null {
  for (const p of BUSYBOX_PATHS) {
    if (fs.existsSync(p) && isStaticElf(fs.readFileSync(p))) return p;
  }
  return null;
}

function staticBusybox(): string {
  let found = findStaticBusybox();
  if (!found && process.getuid?.() === 0) {
    execFileSync('apt-get', ['install', '-y', '-qq', 'busybox-static'], {
      stdio: 'ignore',
      env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
    });
    found = findStaticBusybox();
  }
  if (!found) throw new Error('the Docker tests need a static busybox: apt-get install busybox-static');
  return found;
}

async function busyboxTar(binary: Buffer, applets: string[]): Promise<Buffer> {
  const pack = tar.pack();
  const epoch = new Date(0);
  for (const dir of ['bin', 'sbin', 'usr', 'usr/bin', 'usr/sbin', 'etc', 'www']) {
    pack.entry({ name: `${dir}/`, type: 'directory', mode: 0o755, mtime: epoch });
  }
  pack.entry({ name: 'tmp/', type: 'directory', mode: 0o1777, mtime: epoch });
  pack.entry({ name: 'bin/busybox', mode: 0o755, mtime: epoch }, binary);
  pack.entry(
    { name: 'etc/passwd', mode: 0o644, mtime: epoch },
    'root:x:0:0:root:/root:/bin/sh\nnobody:x:65534:65534:nobody:/:/bin/false\n',
  );
  pack.entry({ name: 'etc/group', mode: 0o644, mtime: epoch }, 'root:x:0:\nnogroup:x:65534:\n');
  for (const applet of applets) {
    const name = applet.replace(/^\//, '');
    if (name === 'bin/busybox') continue;
    const target = path.posix.relative(path.posix.dirname(`/${name}`), '/bin/busybox');
    pack.entry({ name, type: 'symlink', linkname: target, mode: 0o777, mtime: epoch });
  }
  pack.finalize();
  const chunks: Buffer[] = [];
  for await (const chunk of pack) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

/** Builds fargate-local-test/busybox:latest unless an image with the same content exists. */
export async function ensureBusyboxImage(docker: Dockerode): Promise<string> {
  const file = staticBusybox();
  const binary = fs.readFileSync(file);
  const applets = execFileSync(file, ['--list-full'], { encoding: 'utf8' }).split('\n').filter(Boolean);
  const hash = createHash('sha256').update(FORMAT_VERSION).update(binary).update(applets.join('\n')).digest('hex');
  try {
    const info = await docker.getImage(BUSYBOX_IMAGE).inspect();
    if (info.Config?.Labels?.[LABEL_CONTENT_HASH] === hash) return BUSYBOX_IMAGE;
  } catch (err) {
    if ((err as { statusCode?: number }).statusCode !== 404) throw err;
  }
  const [repo, tag] = BUSYBOX_IMAGE.split(':') as [string, string];
  const stream = await docker.importImage(Readable.from([await busyboxTar(binary, applets)]), {
    repo,
    tag,
    changes: [`LABEL ${LABEL_CONTENT_HASH}=${hash}`, 'ENV PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin', 'CMD ["sh"]'],
  } as object);
  await drain(stream as unknown as Readable);
  return BUSYBOX_IMAGE;
}

// fargate-local-test/node:latest: the host's own node binary (/usr/bin/node, or whatever `node` runs here), the
// shared libraries `ldd` lists for it (kept at their paths, with the dynamic loader), the static busybox as /bin/sh,
// and the npm packages a task's code needs, copied from this repository's node_modules at their relative paths under
// /app (so Node resolves them as it does here): @aws-sdk/credential-providers and everything it depends on.
export const NODE_IMAGE = 'fargate-local-test/node:latest';
const NODE_FORMAT_VERSION = '1';
export const NODE_IMAGE_PACKAGES = ['@aws-sdk/credential-providers'];
const REPO_ROOT = path.resolve(path.dirname(new URL(import.meta.url).pathname), '../..');

/** The directory of `name` as Node would find it from `fromDir` (walking up node_modules directories). */
function packageDir(name: string, fromDir: string): string {
  for (let dir = fromDir; ; dir = path.dirname(dir)) {
    const candidate = path.join(dir, 'node_modules', name);
    if (fs.existsSync(path.join(candidate, 'package.json'))) return candidate;
    if (dir === path.dirname(dir)) throw new Error(`package ${name} not found from ${fromDir}`);
  }
}

/** Every package directory `names` need at run time (dependencies, transitively). */
function packageClosure(names: string[]): string[] {
  const seen = new Set<string>();
  const visit = (name: string, fromDir: string) => {
    const dir = packageDir(name, fromDir);
    if (seen.has(dir)) return;
    seen.add(dir);
    const pkg = JSON.parse(fs.readFileSync(path.join(dir, 'package.json'), 'utf8')) as { dependencies?: Record<string, string> };
    for (const dep of Object.keys(pkg.dependencies ?? {})) visit(dep, dir);
  };
  for (const name of names) visit(name, REPO_ROOT);
  return [...seen].sort();
}

/** Files of a package a running program can need (no ES-module or type-only builds, no docs). */
function packageFiles(dir: string): string[] {
  const out: string[] = [];
  const walk = (d: string) => {
    for (const entry of fs.readdirSync(d, { withFileTypes: true })) {
      const p = path.join(d, entry.name);
      if (entry.isDirectory()) {
        if (['node_modules', 'dist-es', 'dist-types', 'test', 'tests', 'docs'].includes(entry.name)) continue;
        walk(p);
      } else if (entry.isFile() && !/\.(d\.ts|map|md|ts)$/.test(entry.name)) {
        out.push(p);
      }
    }
  };
  walk(dir);
  return out;
}

/** node and the shared objects it loads, as `ldd` resolves them. */
function nodeRuntimeFiles(): { node: string; libraries: string[] } {
  const node = fs.realpathSync(execFileSync('sh', ['-c', 'command -v node'], { encoding: 'utf8' }).trim());
  const libraries = execFileSync('ldd', [node], { encoding: 'utf8' })
    .split('\n')
    .map((line) => /(?:=>\s*)?(\/\S+)\s+\(0x/.exec(line)?.[1])
    .filter((p): p is string => Boolean(p));
  return { node, libraries };
}

/** Builds fargate-local-test/node:latest unless an image with the same content exists. */
export async function ensureNodeImage(docker: Dockerode): Promise<string> {
  const { node, libraries } = nodeRuntimeFiles();
  const busybox = staticBusybox();
  const packageFilesList = packageClosure(NODE_IMAGE_PACKAGES).flatMap(packageFiles);
  const hash = createHash('sha256').update(NODE_FORMAT_VERSION);
  for (const f of [node, ...libraries, busybox, ...packageFilesList]) {
    const st = fs.statSync(f);
    hash.update(`${f}\0${st.size}\0${st.mtimeMs}\n`);
  }
  const digest = hash.digest('hex');
  try {
    const info = await docker.getImage(NODE_IMAGE).inspect();
    if (info.Config?.Labels?.[LABEL_CONTENT_HASH] === digest) return NODE_IMAGE;
  } catch (err) {
    if ((err as { statusCode?: number }).statusCode !== 404) throw err;
  }
  const pack = tar.pack();
  const epoch = new Date(0);
  const dirs = new Set<string>();
  const ensureDirs = (file: string) => {
    const parts = file.split('/').slice(0, -1);
    for (let i = 1; i <= parts.length; i++) {
      const d = parts.slice(0, i).join('/');
      if (d && !dirs.has(d)) {
        dirs.add(d);
        pack.entry({ name: `${d}/`, type: 'directory', mode: d === 'tmp' ? 0o1777 : 0o755, mtime: epoch });
      }
    }
  };
  const add = (name: string, content: Buffer, mode: number) => {
    ensureDirs(name);
    pack.entry({ name, mode, mtime: epoch }, content);
  };
  ensureDirs('tmp/x');
  add('usr/local/bin/node', fs.readFileSync(node), 0o755);
  for (const lib of libraries) add(lib.replace(/^\//, ''), fs.readFileSync(lib), 0o755);
  add('bin/busybox', fs.readFileSync(busybox), 0o755);
  for (const applet of ['sh', 'cat', 'env', 'wget', 'sleep', 'ls']) {
    ensureDirs(`bin/${applet}`);
    pack.entry({ name: `bin/${applet}`, type: 'symlink', linkname: 'busybox', mode: 0o777, mtime: epoch });
  }
  add('etc/passwd', Buffer.from('root:x:0:0:root:/root:/bin/sh\nnobody:x:65534:65534:nobody:/:/bin/false\n'), 0o644);
  add('etc/group', Buffer.from('root:x:0:\nnogroup:x:65534:\n'), 0o644);
  for (const file of packageFilesList) add(`app/${path.relative(REPO_ROOT, file)}`, fs.readFileSync(file), 0o644);
  pack.finalize();
  const [repo, tag] = NODE_IMAGE.split(':') as [string, string];
  const stream = await docker.importImage(
    pack as unknown as Readable,
    {
      repo,
      tag,
      changes: [`LABEL ${LABEL_CONTENT_HASH}=${digest}`, 'ENV PATH=/usr/local/bin:/usr/bin:/bin', 'WORKDIR /app', 'CMD ["node"]'],
    } as object,
  );
  await drain(stream as unknown as Readable);
  return NODE_IMAGE;
}
