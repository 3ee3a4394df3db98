import type Dockerode from 'dockerode';
import { pino } from 'pino';
import { describe, expect, it } from 'vitest';
import type { FirewallPolicy } from '../domain/network/firewall-policy.js';
import { RuntimeError } from '../domain/task-runtime.js';
import type { ImageResolver } from './images.js';
import { TaskFirewall } from './task-firewall.js';

const policy: FirewallPolicy = {
  vpcCidr: '10.0.0.0/16',
  mark: 1,
  internetAccess: false,
  trustedSources: ['10.0.0.1/32'],
  ingress: [],
  egress: [],
};

/** A Docker client that runs helpers with the given exit codes, recording what it was asked. */
function stubDocker(exitCodes: number[]) {
  const created: Dockerode.ContainerCreateOptions[] = [];
  const archives: string[] = [];
  let removed = 0;
  const docker = {
    async createContainer(options: Dockerode.ContainerCreateOptions) {
      created.push(options);
      const code = exitCodes.shift() ?? 0;
      return {
        async putArchive(stream: AsyncIterable<Buffer>) {
          const chunks: Buffer[] = [];
          for await (const c of stream) chunks.push(c);
          archives.push(Buffer.concat(chunks).toString('latin1'));
        },
        async start() {},
        async wait() {
          return { StatusCode: code };
        },
        async logs() {
          return Buffer.from('iptables-restore: line 3 failed');
        },
        async remove() {
          removed += 1;
        },
      };
    },
  } as unknown as Dockerode;
  return { docker, created, archives, removed: () => removed };
}

const logger = pino({ level: 'silent' });
const image = async () => ({ image: 'fw:1', entrypoint: ['/sbin/xtables-nft-multi', 'iptables-restore'] });

describe('TaskFirewall', () => {
  it('runs iptables-restore in the pause container’s namespace with NET_ADMIN only, then removes the helper', async () => {
    const stub = stubDocker([0]);
    const firewall = new TaskFirewall(stub.docker, 'i1', {} as ImageResolver, logger, { findImage: image });
    expect(await firewall.apply('pause-1', policy)).toBe('enforced');
    expect(stub.created[0]).toMatchObject({
      Image: 'fw:1',
      Entrypoint: ['/sbin/xtables-nft-multi', 'iptables-restore'],
      Cmd: ['/fargate-local.rules'],
      Labels: { 'fargate-local.instance': 'i1', 'fargate-local.role': 'firewall-helper', 'fargate-local.firewall-of': 'pause-1' },
      HostConfig: { NetworkMode: 'container:pause-1', CapDrop: ['ALL'], CapAdd: ['NET_ADMIN'] },
    });
    expect(stub.archives[0]).toContain('fargate-local.rules');
    expect(stub.archives[0]).toContain('-A OUTPUT ! -d 10.0.0.0/16 -j DROP');
    expect(stub.removed()).toBe(1);
  });

  it('runs without enforcement when no helper image can be had', async () => {
    const stub = stubDocker([]);
    const firewall = new TaskFirewall(stub.docker, 'i1', {} as ImageResolver, logger, { findImage: async () => null });
    expect(await firewall.apply('pause-1', policy)).toBe('unenforced');
    expect(stub.created).toEqual([]);
  });

  it('gives up enforcing when the very first apply fails (the host cannot), and stops trying', async () => {
    const stub = stubDocker([1]);
    const firewall = new TaskFirewall(stub.docker, 'i1', {} as ImageResolver, logger, { findImage: image });
    expect(await firewall.apply('pause-1', policy)).toBe('unenforced');
    expect(await firewall.apply('pause-2', policy)).toBe('unenforced');
    expect(stub.created).toHaveLength(1);
    expect(stub.removed()).toBe(1);
  });

  it('fails an apply once enforcement has worked here', async () => {
    const stub = stubDocker([0, 1]);
    const firewall = new TaskFirewall(stub.docker, 'i1', {} as ImageResolver, logger, { findImage: image });
    await firewall.apply('pause-1', policy);
    const err = await firewall.apply('pause-2', policy).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(RuntimeError);
    expect((err as RuntimeError).message).toBe(
      'ResourceInitializationError: failed to apply the security groups: iptables-restore exited 1: iptables-restore: line 3 failed',
    );
  });
});
