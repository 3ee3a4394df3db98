// Security groups at the task boundary: `iptables-restore` run inside the pause container's network namespace. The
// rules live in the namespace and go with it: nothing is left in the host's iptables. The same way in writes the
// nat rules of Service Connect client aliases whose port is not the server's (iptables-rules.ts). App containers never hold
// NET_ADMIN (Fargate only lets them add SYS_PTRACE), so they cannot change the rules.
//
// Two ways in, the first that works here is kept:
// - from the host (host-namespace-rules.ts): nsenter into the namespace, when the emulator runs on the Docker host as
//   root; a process spawn, no container;
// - a short-lived helper container that joins the namespace (`NetworkMode: container:<pause>`) with NET_ADMIN and
//   nothing else; needs no host root, so it serves the compose deployment and Docker Desktop.
//
// Where the helper cannot run (no image could be built or pulled, or the first apply fails, e.g. a kernel without
// nf_tables) security groups are not enforced: one warning says so, and tasks run without the rules.
import { Readable } from 'node:stream';
import type Dockerode from 'dockerode';
import tar from 'tar-stream';
import type { FirewallPolicy, PortRedirect } from '../domain/network/firewall-policy.js';
import { RuntimeError, type FirewallOutcome } from '../domain/task-runtime.js';
import type { Logger } from '../logger.js';
import { daemonErrorDetail, ignoreNotFound } from './docker-errors.js';
import { HostNamespaceRules, HostNamespaceUnavailable } from './host-namespace-rules.js';
import { buildFirewallImage, DEFAULT_FIREWALL_PULL_IMAGE, type FirewallImage } from './firewall-image.js';
import type { ImageResolver } from './images.js';
import { LABEL_FIREWALL_OF, LABEL_INSTANCE, LABEL_ROLE } from './labels.js';
import { renderIptablesRules, renderRedirectRules } from './iptables-rules.js';

const RULES_FILE = 'fargate-local.rules';

export interface TaskFirewallOptions {
  /** Image to pull when none can be built here; null: never pull. */
  pullImage?: string | null;
  /** Where the helper image comes from (tests); by default built from this host's iptables, else pulled. */
  findImage?: () => Promise<FirewallImage | null>;
  /** The host-side way in; null: always use the helper container. Default: tried first, kept when it works. */
  hostRules?: HostNamespaceRules | null;
}

async function rulesArchive(text: string): Promise<Buffer> {
  const pack = tar.pack();
  pack.entry({ name: RULES_FILE, mode: 0o644, mtime: new Date(0) }, text);
  pack.finalize();
  const chunks: Buffer[] = [];
  for await (const chunk of pack) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

export class TaskFirewall {
  private image: Promise<FirewallImage | null> | null = null;
  /** False once enforcement proved impossible here; null until the first apply tells. */
  private works: boolean | null = null;
  /** The host-side way in, until it proves unusable here. */
  private host: HostNamespaceRules | null;
  /**
   * Per pause container, the redirects in its nat chain (renderRedirectRules' text); null: no jump to the chain yet
   * (a container this process started); none: not known (the state of a container made before a restart).
   */
  private readonly redirects = new Map<string, string | null>();

  constructor(
    private readonly docker: Dockerode,
    private readonly instanceId: string,
    private readonly images: ImageResolver,
    private readonly logger: Logger,
    private readonly options: TaskFirewallOptions = {},
  ) {
    this.host = options.hostRules === undefined ? new HostNamespaceRules() : options.hostRules;
  }

  /**
   * Writes the policy's rules into the namespace of the pause container (`pid`: its main process, when known);
   * `fresh`: the container was just started (nothing of ours in its nat table yet).
   */
  async apply(pauseContainerId: string, policy: FirewallPolicy, pid?: number, fresh = false): Promise<FirewallOutcome> {
    if (this.works === false) return 'unenforced';
    if (fresh) this.redirects.set(pauseContainerId, null);
    let known = pid;
    const pidOnce = async () => (known ??= await this.pidOf(pauseContainerId));
    const outcome = await this.applyFilter(pauseContainerId, renderIptablesRules(policy), pidOnce);
    if (outcome === 'enforced') await this.applyRedirects(pauseContainerId, policy.redirects ?? [], pidOnce);
    return outcome;
  }

  /** The container is gone: its redirect state goes too. */
  forget(pauseContainerId: string): void {
    this.redirects.delete(pauseContainerId);
  }

  private async applyFilter(pauseContainerId: string, rules: string, pidOf: () => Promise<number>): Promise<FirewallOutcome> {
    if (this.host) {
      try {
        await this.host.restore(pauseContainerId, await pidOf(), rules);
        this.works = true;
        return 'enforced';
      } catch (err) {
        if (this.works === true && !(err instanceof HostNamespaceUnavailable)) {
          throw new RuntimeError('ResourceInitializationError', `failed to apply the security groups: ${(err as Error).message}`);
        }
        // Never worked here: the helper container is the way from now on.
        this.host = null;
        this.logger.debug({ detail: (err as Error).message }, 'security groups are applied by a helper container');
      }
    }
    const image = await this.helperImage();
    if (!image) return 'unenforced';
    try {
      await this.run(image, pauseContainerId, rules, false);
      this.works = true;
      return 'enforced';
    } catch (err) {
      const detail = err instanceof RuntimeError ? err.detail : daemonErrorDetail(err);
      if (this.works === null) {
        this.works = false;
        this.logger.warn(
          { detail },
          'security groups are NOT enforced on this host: the rules could not be applied in a task network namespace',
        );
        return 'unenforced';
      }
      throw new RuntimeError('ResourceInitializationError', `failed to apply the security groups: ${detail}`);
    }
  }

  /** Brings the nat chain of Service Connect redirects in line (after the filter rules went in the same way). */
  private async applyRedirects(pauseContainerId: string, redirects: readonly PortRedirect[], pidOf: () => Promise<number>): Promise<void> {
    const text = renderRedirectRules(redirects, 'keep');
    const known = this.redirects.get(pauseContainerId);
    // Nothing to write, or nothing known to undo (a sandbox made before a restart keeps what it has until it needs
    // redirects again: then its chain is rewritten).
    if (known === text || (typeof known !== 'string' && redirects.length === 0)) return;
    if (known === undefined) {
      // Made before this process knew it (a task adopted after a restart): there may be a jump already.
      const replaced = await this.restoreNat(pauseContainerId, renderRedirectRules(redirects, 'replace'), pidOf).then(
        () => true,
        () => false,
      );
      if (replaced) {
        this.redirects.set(pauseContainerId, text);
        return;
      }
    }
    try {
      await this.restoreNat(pauseContainerId, renderRedirectRules(redirects, known ? 'keep' : 'add'), pidOf);
    } catch (err) {
      const detail = err instanceof RuntimeError ? err.detail : daemonErrorDetail(err);
      throw new RuntimeError('ResourceInitializationError', `failed to apply the Service Connect client alias ports: ${detail}`);
    }
    this.redirects.set(pauseContainerId, text);
  }

  /** `iptables-restore --noflush` the way the filter rules went in. */
  private async restoreNat(pauseContainerId: string, rules: string, pidOf: () => Promise<number>): Promise<void> {
    if (this.host) return this.host.restore(pauseContainerId, await pidOf(), rules, true);
    const image = await this.helperImage();
    if (!image) throw new RuntimeError('ResourceInitializationError', 'no helper image');
    return this.run(image, pauseContainerId, rules, true);
  }

  private async pidOf(containerId: string): Promise<number> {
    const info = (await this.docker.getContainer(containerId).inspect()) as { State?: { Pid?: number } };
    return info.State?.Pid ?? 0;
  }

  private async run(image: FirewallImage, pauseContainerId: string, rules: string, noflush: boolean): Promise<void> {
    const container = await this.docker.createContainer({
      Image: image.image,
      Entrypoint: image.entrypoint,
      Cmd: [...(noflush ? ['--noflush'] : []), `/${RULES_FILE}`],
      Tty: true,
      Labels: { [LABEL_INSTANCE]: this.instanceId, [LABEL_ROLE]: 'firewall-helper', [LABEL_FIREWALL_OF]: pauseContainerId },
      HostConfig: {
        NetworkMode: `container:${pauseContainerId}`,
        CapDrop: ['ALL'],
        CapAdd: ['NET_ADMIN'],
        RestartPolicy: { Name: 'no' },
      },
    });
    try {
      await container.putArchive(Readable.from([await rulesArchive(rules)]), { path: '/' });
      await container.start();
      const { StatusCode } = (await container.wait()) as { StatusCode: number };
      if (StatusCode !== 0) {
        const logs = String(await container.logs({ stdout: true, stderr: true, follow: false })).trim();
        throw new RuntimeError('ResourceInitializationError', `iptables-restore exited ${StatusCode}: ${logs}`);
      }
    } finally {
      await ignoreNotFound(() => container.remove({ force: true })).catch(() => undefined);
    }
  }

  private helperImage(): Promise<FirewallImage | null> {
    this.image ??= (this.options.findImage ?? (() => this.findImage()))().catch((err: unknown) => {
      this.image = null;
      this.logger.warn({ err }, 'security groups are NOT enforced: the helper image could not be prepared');
      return null;
    });
    return this.image;
  }

  private async findImage(): Promise<FirewallImage | null> {
    const { Architecture } = (await this.docker.info()) as { Architecture?: string };
    const built = await buildFirewallImage(this.docker, Architecture).catch((err: unknown) => {
      this.logger.debug({ err }, 'could not build the security group helper image from this host');
      return null;
    });
    if (built) return built;
    const pull = this.options.pullImage === undefined ? DEFAULT_FIREWALL_PULL_IMAGE : this.options.pullImage;
    if (pull) {
      try {
        const { imageRef } = await this.images.ensure(pull, 'prefer-cached');
        return { image: imageRef, entrypoint: ['iptables-restore'] };
      } catch (err) {
        this.logger.debug({ err, image: pull }, 'could not pull the security group helper image');
      }
    }
    this.logger.warn(
      pull
        ? `security groups are NOT enforced: this host has no iptables (xtables-nft-multi) to build the helper image from, and ${pull} could not be pulled`
        : 'security groups are NOT enforced: this host has no iptables (xtables-nft-multi) to build the helper image from',
    );
    return null;
  }
}
