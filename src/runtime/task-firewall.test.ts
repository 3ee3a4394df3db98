import type Dockerode from 'dockerode';
import { pino } from 'pino';
import { describe, expect, it } from 'vitest';
import type { FirewallPolicy } from '../domain/network/firewall-policy.js';
import { RuntimeError } from '../domain/task-runtime.js';
import type { ImageResolver } from './images.js';
import { HostNamespaceRules, type RunResult } from './host-namespace-rules.js';
import { TaskFirewall } from './task-firewall.js';

const policy: FirewallPolicy = {
  vpcCidr: '10.0.0.0/16',
  mark: 1,
  internetAccess: false,
  metadataAddress: '169.254.170.2',
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
    const firewall = new TaskFirewall(stub.docker, 'i1', {} as ImageResolver, logger, { findImage: image, hostRules: null });
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
    const firewall = new TaskFirewall(stub.docker, 'i1', {} as ImageResolver, logger, { findImage: async () => null, hostRules: null });
    expect(await firewall.apply('pause-1', policy)).toBe('unenforced');
    expect(stub.created).toEqual([]);
  });

  it('gives up enforcing when the very first apply fails (the host cannot), and stops trying', async () => {
    const stub = stubDocker([1]);
    const firewall = new TaskFirewall(stub.docker, 'i1', {} as ImageResolver, logger, { findImage: image, hostRules: null });
    expect(await firewall.apply('pause-1', policy)).toBe('unenforced');
    expect(await firewall.apply('pause-2', policy)).toBe('unenforced');
    expect(stub.created).toHaveLength(1);
    expect(stub.removed()).toBe(1);
  });

  it('fails an apply once enforcement has worked here', async () => {
    const stub = stubDocker([0, 1]);
    const firewall = new TaskFirewall(stub.docker, 'i1', {} as ImageResolver, logger, { findImage: image, hostRules: null });
    await firewall.apply('pause-1', policy);
    const err = await firewall.apply('pause-2', policy).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(RuntimeError);
    expect((err as RuntimeError).message).toBe(
      'ResourceInitializationError: failed to apply the security groups: iptables-restore exited 1: iptables-restore: line 3 failed',
    );
  });
});

/** The host path over a fake /proc and a recorded command runner. */
function hostPath(options: { root?: boolean; cgroupOf?: Record<number, string>; results?: RunResult[] } = {}) {
  const calls: { file: string; args: string[]; input: string }[] = [];
  const results = options.results ?? [];
  const rules = new HostNamespaceRules({
    isRoot: () => options.root ?? true,
    exists: async (file) => file === '/usr/bin/nsenter' || file === '/usr/sbin/xtables-nft-multi',
    readFile: async (file) => {
      const pid = Number(/^\/proc\/(\d+)\/cgroup$/.exec(file)?.[1]);
      const cgroup = options.cgroupOf?.[pid];
      if (cgroup === undefined) throw new Error('ENOENT');
      return cgroup;
    },
    run: async (file, args, input) => {
      calls.push({ file, args, input });
      return results.shift() ?? { code: 0, output: '' };
    },
  });
  return { rules, calls };
}

describe('TaskFirewall from the host', () => {
  const cgroupOf = { 4242: '0::/system.slice/docker-pause-1.scope\n', 4343: '0::/system.slice/docker-pause-2.scope\n' };

  it('enters the pause container’s namespace with nsenter and starts no helper container', async () => {
    const stub = stubDocker([]);
    const host = hostPath({ cgroupOf });
    const firewall = new TaskFirewall(stub.docker, 'i1', {} as ImageResolver, logger, { findImage: image, hostRules: host.rules });
    expect(await firewall.apply('pause-1', policy, 4242)).toBe('enforced');
    expect(stub.created).toEqual([]);
    expect(host.calls).toHaveLength(1);
    expect(host.calls[0]!.file).toBe('/usr/bin/nsenter');
    expect(host.calls[0]!.args).toEqual(['--net=/proc/4242/ns/net', '--', '/usr/sbin/xtables-nft-multi', 'iptables-restore']);
    expect(host.calls[0]!.input).toContain('-A OUTPUT ! -d 10.0.0.0/16 -j DROP');
  });

  it('never enters a process that is not the container (no shared pid namespace): the helper takes over for good', async () => {
    const stub = stubDocker([0, 0]);
    const host = hostPath({ cgroupOf: { 4242: '0::/some/other/process\n' } });
    const firewall = new TaskFirewall(stub.docker, 'i1', {} as ImageResolver, logger, { findImage: image, hostRules: host.rules });
    expect(await firewall.apply('pause-1', policy, 4242)).toBe('enforced');
    expect(await firewall.apply('pause-2', policy, 4343)).toBe('enforced');
    expect(host.calls).toEqual([]);
    expect(stub.created).toHaveLength(2);
  });

  it('uses the helper when the emulator is not root', async () => {
    const stub = stubDocker([0]);
    const host = hostPath({ root: false, cgroupOf });
    const firewall = new TaskFirewall(stub.docker, 'i1', {} as ImageResolver, logger, { findImage: image, hostRules: host.rules });
    expect(await firewall.apply('pause-1', policy, 4242)).toBe('enforced');
    expect(host.calls).toEqual([]);
    expect(stub.created).toHaveLength(1);
  });

  it('fails an apply with iptables-restore’s words once the host path has worked', async () => {
    const stub = stubDocker([]);
    const host = hostPath({
      cgroupOf,
      results: [
        { code: 0, output: '' },
        { code: 2, output: 'line 4 failed\n' },
      ],
    });
    const firewall = new TaskFirewall(stub.docker, 'i1', {} as ImageResolver, logger, { findImage: image, hostRules: host.rules });
    await firewall.apply('pause-1', policy, 4242);
    const err = await firewall.apply('pause-2', policy, 4343).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(RuntimeError);
    expect((err as RuntimeError).message).toBe(
      'ResourceInitializationError: failed to apply the security groups: iptables-restore exited 2: line 4 failed',
    );
    expect(stub.created).toEqual([]);
  });

  describe('Service Connect redirects', () => {
    const redirected = { ...policy, redirects: [{ address: '10.0.0.9', port: 80, toPort: 8080 }] };
    const nat = (host: ReturnType<typeof hostPath>) => host.calls.filter((c) => c.input.startsWith('*nat'));

    it('adds the nat chain and its jump to a new sandbox with --noflush, then only rewrites the chain when it changes', async () => {
      const host = hostPath({ cgroupOf });
      const firewall = new TaskFirewall(stubDocker([]).docker, 'i1', {} as ImageResolver, logger, {
        findImage: image,
        hostRules: host.rules,
      });
      await firewall.apply('pause-1', policy, 4242, true);
      expect(nat(host)).toEqual([]);
      await firewall.apply('pause-1', redirected, 4242);
      expect(nat(host)).toHaveLength(1);
      expect(nat(host)[0]!.args.at(-1)).toBe('--noflush');
      expect(nat(host)[0]!.input).toContain('-A OUTPUT -j FARGATE-LOCAL-ALIASES');
      expect(nat(host)[0]!.input).toContain('--dport 80 -j DNAT --to-destination 10.0.0.9:8080');
      await firewall.apply('pause-1', { ...redirected, ingress: [{ protocol: 'all', cidrs: ['10.0.0.0/8'] }] }, 4242);
      expect(nat(host)).toHaveLength(1);
      await firewall.apply('pause-1', policy, 4242);
      expect(nat(host)).toHaveLength(2);
      expect(nat(host)[1]!.input).not.toContain('OUTPUT');
      expect(nat(host)[1]!.input).not.toContain('DNAT');
    });

    it('replaces the jump in a sandbox it did not start (adopted), and adds it where replacing finds none', async () => {
      const host = hostPath({
        cgroupOf,
        results: [
          { code: 0, output: '' },
          { code: 1, output: 'Bad rule (does a matching rule exist in that chain?)' },
          { code: 0, output: '' },
        ],
      });
      const firewall = new TaskFirewall(stubDocker([]).docker, 'i1', {} as ImageResolver, logger, {
        findImage: image,
        hostRules: host.rules,
      });
      await firewall.apply('pause-1', redirected, 4242);
      expect(nat(host).map((c) => c.input.includes('-D OUTPUT'))).toEqual([true, false]);
      expect(nat(host)[1]!.input).toContain('-A OUTPUT -j FARGATE-LOCAL-ALIASES');
      // Forgotten (the container was removed): its next namesake starts over.
      firewall.forget('pause-1');
      await firewall.apply('pause-1', redirected, 4242, true);
      expect(nat(host)).toHaveLength(3);
      expect(nat(host)[2]!.input).not.toContain('-D OUTPUT');
    });

    it('writes them through the helper container too, with --noflush', async () => {
      const stub = stubDocker([0, 0]);
      const firewall = new TaskFirewall(stub.docker, 'i1', {} as ImageResolver, logger, { findImage: image, hostRules: null });
      expect(await firewall.apply('pause-1', redirected, undefined, true)).toBe('enforced');
      expect(stub.created.map((c) => c.Cmd)).toEqual([['/fargate-local.rules'], ['--noflush', '/fargate-local.rules']]);
      expect(stub.archives[1]).toContain('-j DNAT --to-destination 10.0.0.9:8080');
    });

    it('fails the apply with iptables-restore’s words when the redirects cannot be written', async () => {
      const host = hostPath({
        cgroupOf,
        results: [
          { code: 0, output: '' },
          { code: 2, output: 'no DNAT target\n' },
        ],
      });
      const firewall = new TaskFirewall(stubDocker([]).docker, 'i1', {} as ImageResolver, logger, {
        findImage: image,
        hostRules: host.rules,
      });
      const err = await firewall.apply('pause-1', redirected, 4242, true).catch((e: unknown) => e);
      expect((err as RuntimeError).message).toBe(
        'ResourceInitializationError: failed to apply the Service Connect client alias ports: iptables-restore exited 2: no DNAT target',
      );
    });
  });
});
