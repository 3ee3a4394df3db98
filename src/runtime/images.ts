// Image resolution and pulls, by the ECS agent's pull behaviours:
//   always        - pull every time; a failed pull fails the task;
//   once          - pull the first time this runtime needs the image, then use the local copy while it exists;
//   prefer-cached - use a local image when there is one, else pull.
// ECR references (`<account>.dkr.ecr.<region>.amazonaws.com/<repo>:<tag>`) are never pulled while a local image
// answers for them: first the exact name, then `<repo>:<tag>` (how users tag locally built images). Pulling from
// a real registry is only attempted when neither exists, whatever the policy.
import readline from 'node:readline';
import type { Readable } from 'node:stream';
import type Dockerode from 'dockerode';
import type { ImageInspectInfo } from 'dockerode';
import { RuntimeError, type PulledImage, type PullPolicy, type RegistryAuth } from '../domain/task-runtime.js';
import type { Logger } from '../logger.js';
import { daemonErrorDetail, isNotFound } from './docker-errors.js';

const ECR_REFERENCE = /^\d{12}\.dkr\.ecr(?:-fips)?\.[a-z0-9-]+\.amazonaws\.com(?:\.cn)?\/(.+)$/;

/** For an ECR reference, the local names that stand for it, best first; otherwise null. */
export function ecrLocalCandidates(image: string): string[] | null {
  const m = ECR_REFERENCE.exec(image);
  return m ? [image, m[1]!] : null;
}

interface PullMessage {
  status?: string;
  id?: string;
  progress?: string;
  error?: string;
  errorDetail?: { message?: string };
}

export class ImageResolver {
  private readonly pulledOnce = new Set<string>();
  private readonly pulls = new Map<string, Promise<void>>();

  constructor(
    private readonly docker: Dockerode,
    private readonly logger: Logger,
  ) {}

  async ensure(image: string, policy: PullPolicy, auth?: RegistryAuth): Promise<PulledImage> {
    const candidates = ecrLocalCandidates(image);
    if (candidates) {
      for (const ref of candidates) {
        const local = await this.inspect(ref);
        if (local) return toPulled(ref, local);
      }
      return this.pullAndInspect(image, auth);
    }
    if (policy === 'prefer-cached' || (policy === 'once' && this.pulledOnce.has(image))) {
      const local = await this.inspect(image);
      if (local) return toPulled(image, local);
    }
    return this.pullAndInspect(image, auth);
  }

  private async pullAndInspect(image: string, auth: RegistryAuth | undefined): Promise<PulledImage> {
    await this.pull(image, auth);
    this.pulledOnce.add(image);
    const local = await this.inspect(image);
    if (!local) throw new RuntimeError('CannotPullContainerError', `image ${image} is not present after its pull`);
    return toPulled(image, local);
  }

  private async inspect(ref: string): Promise<ImageInspectInfo | null> {
    try {
      return await this.docker.getImage(ref).inspect();
    } catch (err) {
      if (isNotFound(err)) return null;
      throw new RuntimeError('CannotPullContainerError', daemonErrorDetail(err));
    }
  }

  /** Concurrent pulls of one reference share one pull. */
  private pull(image: string, auth: RegistryAuth | undefined): Promise<void> {
    const running = this.pulls.get(image);
    if (running) return running;
    const p = this.doPull(image, auth).finally(() => this.pulls.delete(image));
    this.pulls.set(image, p);
    return p;
  }

  private async doPull(image: string, auth: RegistryAuth | undefined): Promise<void> {
    const started = Date.now();
    this.logger.info({ image, withCredentials: auth !== undefined }, 'pulling image');
    let stream: Readable;
    try {
      const options = auth ? { authconfig: { username: auth.username, password: auth.password, serveraddress: registryOf(image) } } : {};
      stream = (await this.docker.pull(image, options)) as Readable;
    } catch (err) {
      throw new RuntimeError('CannotPullContainerError', daemonErrorDetail(err));
    }
    let failure: string | null = null;
    const lines = readline.createInterface({ input: stream, crlfDelay: Infinity });
    try {
      for await (const line of lines) {
        if (!line.trim()) continue;
        const msg = JSON.parse(line) as PullMessage;
        if (msg.error || msg.errorDetail?.message) {
          failure = msg.errorDetail?.message ?? msg.error ?? 'pull failed';
        } else if (msg.status && !msg.progress) {
          this.logger.debug({ image, layer: msg.id, status: msg.status }, 'pull progress');
        }
      }
    } catch (err) {
      failure ??= err instanceof Error ? err.message : String(err);
    }
    if (failure) throw new RuntimeError('CannotPullContainerError', `Error response from daemon: ${failure}`);
    this.logger.info({ image, ms: Date.now() - started }, 'pulled image');
  }
}

/** The registry host of an image reference (Docker Hub when the first part is not a host). */
export function registryOf(image: string): string {
  const first = image.split('/')[0] ?? '';
  return image.includes('/') && (first.includes('.') || first.includes(':') || first === 'localhost')
    ? first
    : 'https://index.docker.io/v1/';
}

function toPulled(imageRef: string, info: ImageInspectInfo): PulledImage {
  const digest = info.RepoDigests?.map((d) => d.split('@')[1]).find((d): d is string => !!d);
  return { imageRef, imageDigest: digest ?? info.Id };
}
