import { PassThrough } from 'node:stream';
import type Dockerode from 'dockerode';
import { pino } from 'pino';
import { describe, expect, it, vi } from 'vitest';
import { RuntimeError } from '../domain/task-runtime.js';
import { ecrLocalCandidates, ImageResolver } from './images.js';

describe('ecrLocalCandidates', () => {
  it('offers the exact name, then repo:tag, for an ECR reference', () => {
    expect(ecrLocalCandidates('123456789012.dkr.ecr.eu-west-1.amazonaws.com/team/web:1.2')).toEqual([
      '123456789012.dkr.ecr.eu-west-1.amazonaws.com/team/web:1.2',
      'team/web:1.2',
    ]);
    expect(ecrLocalCandidates('123456789012.dkr.ecr.cn-north-1.amazonaws.com.cn/web@sha256:abc')?.[1]).toBe('web@sha256:abc');
    expect(ecrLocalCandidates('123456789012.dkr.ecr-fips.us-east-1.amazonaws.com/web')?.[1]).toBe('web');
  });

  it('returns null for other registries', () => {
    expect(ecrLocalCandidates('nginx:latest')).toBeNull();
    expect(ecrLocalCandidates('public.ecr.aws/nginx/nginx:latest')).toBeNull();
    expect(ecrLocalCandidates('12345.dkr.ecr.us-east-1.amazonaws.com/web')).toBeNull();
  });
});

/** A fake engine: `local` holds the images present; a pull adds the image unless `pullFails` says why not. */
function fakeDocker(local: Set<string>, pullFails: string | null = null) {
  const pulls: string[] = [];
  const docker = {
    getImage: (ref: string) => ({
      inspect: async () => {
        if (!local.has(ref)) throw Object.assign(new Error('no such image'), { statusCode: 404 });
        return { Id: `sha256:${'1'.repeat(64)}`, RepoDigests: [`${ref.split(':')[0]}@sha256:${'d'.repeat(64)}`] };
      },
    }),
    pull: vi.fn(async (ref: string) => {
      pulls.push(ref);
      const s = new PassThrough();
      if (pullFails)
        s.end(
          `${JSON.stringify({ status: 'Pulling fs layer', id: 'abc' })}\n${JSON.stringify({ errorDetail: { message: pullFails }, error: pullFails })}\n`,
        );
      else {
        local.add(ref);
        s.end(`${JSON.stringify({ status: 'Pulling from library/x' })}\n${JSON.stringify({ status: 'Downloaded newer image' })}\n`);
      }
      return s;
    }),
  };
  return { docker: docker as unknown as Dockerode, pulls };
}

const logger = pino({ level: 'silent' });

describe('ImageResolver', () => {
  it('prefer-cached uses a local image without pulling, and pulls a missing one', async () => {
    const { docker, pulls } = fakeDocker(new Set(['web:1']));
    const images = new ImageResolver(docker, logger);
    expect(await images.ensure('web:1', 'prefer-cached')).toEqual({ imageRef: 'web:1', imageDigest: `sha256:${'d'.repeat(64)}` });
    await images.ensure('api:2', 'prefer-cached');
    expect(pulls).toEqual(['api:2']);
  });

  it('always pulls, even when the image is local', async () => {
    const { docker, pulls } = fakeDocker(new Set(['web:1']));
    const images = new ImageResolver(docker, logger);
    await images.ensure('web:1', 'always');
    await images.ensure('web:1', 'always');
    expect(pulls).toEqual(['web:1', 'web:1']);
  });

  it('once pulls the first time only', async () => {
    const { docker, pulls } = fakeDocker(new Set(['web:1']));
    const images = new ImageResolver(docker, logger);
    await images.ensure('web:1', 'once');
    await images.ensure('web:1', 'once');
    expect(pulls).toEqual(['web:1']);
  });

  it('shares one pull between concurrent requests', async () => {
    const { docker, pulls } = fakeDocker(new Set());
    const images = new ImageResolver(docker, logger);
    await Promise.all([images.ensure('web:1', 'always'), images.ensure('web:1', 'always')]);
    expect(pulls).toEqual(['web:1']);
  });

  it('turns an error in the pull stream into CannotPullContainerError with the daemon’s message', async () => {
    const { docker } = fakeDocker(new Set(), 'pull access denied for nope, repository does not exist');
    const err = await new ImageResolver(docker, logger).ensure('nope:1', 'prefer-cached').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(RuntimeError);
    expect((err as RuntimeError).message).toBe(
      'CannotPullContainerError: Error response from daemon: pull access denied for nope, repository does not exist',
    );
  });

  it('resolves an ECR reference to a local repo:tag and never pulls it then, whatever the policy', async () => {
    const { docker, pulls } = fakeDocker(new Set(['team/web:1.2']));
    const images = new ImageResolver(docker, logger);
    const pulled = await images.ensure('123456789012.dkr.ecr.us-east-1.amazonaws.com/team/web:1.2', 'always');
    expect(pulled.imageRef).toBe('team/web:1.2');
    expect(pulls).toEqual([]);
  });
});
