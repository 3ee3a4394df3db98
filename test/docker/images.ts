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
    execFileSync('apt-get', ['install', '-y', '-qq', 'busybox-static'], { stdio: 'ignore', env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } });
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
  pack.entry({ name: 'etc/passwd', mode: 0o644, mtime: epoch }, 'root:x:0:0:root:/root:/bin/sh\nnobody:x:65534:65534:nobody:/:/bin/false\n');
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
