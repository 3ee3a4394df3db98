// Imports the generated pause image into the engine unless it is already there.
import type Dockerode from 'dockerode';
import { Readable } from 'node:stream';
import { RuntimeError } from '../domain/task-runtime.js';
import { isNotFound } from './docker-errors.js';
import { LABEL_ROLE } from './labels.js';
import { PAUSE_IMAGE_CHANGES, pauseImageName, pauseTar, type PauseArchitecture } from './pause-image.js';

/** Returns the pause image's name, importing it first when the engine lacks it. */
export async function ensurePauseImage(docker: Dockerode): Promise<string> {
  const { Architecture } = (await docker.info()) as { Architecture?: string };
  const arch: PauseArchitecture | null = Architecture === 'x86_64' || Architecture === 'aarch64' ? Architecture : null;
  if (!arch) {
    throw new RuntimeError('ResourceInitializationError', `no pause image for this Docker engine's architecture (${Architecture})`);
  }
  const name = pauseImageName(arch);
  try {
    await docker.getImage(name).inspect();
    return name;
  } catch (err) {
    if (!isNotFound(err)) throw err;
  }
  const [repo, tag] = name.split(':') as [string, string];
  const stream = (await docker.importImage(Readable.from([await pauseTar(arch)]), {
    repo,
    tag,
    changes: [...PAUSE_IMAGE_CHANGES, `LABEL ${LABEL_ROLE}=pause-image`],
  } as object)) as unknown as Readable;
  await drain(stream);
  await docker.getImage(name).inspect();
  return name;
}

/** Reads an image-create progress stream to its end; throws on an error message in it. */
export async function drain(stream: Readable): Promise<void> {
  let text = '';
  for await (const chunk of stream) text += String(chunk);
  for (const line of text.split('\n')) {
    if (!line.trim()) continue;
    const msg = JSON.parse(line) as { error?: string };
    if (msg.error) throw new Error(msg.error);
  }
}
