// The Docker networks tasks use: the shared internal agent network and one bridge network per emulated VPC.
//
// Agent network: `--internal`, ICC off, over all of 169.254.0.0/16. Every pause container is connected to it before
// it starts, so no link-local traffic (169.254.170.2, IMDS at 169.254.169.254) can leave the host, and tasks
// cannot reach each other over it. It is shared by every emulator instance on the engine (Docker refuses two
// networks with overlapping subnets), so it carries no instance label and is never removed with a task.
//
// VPC networks: one labelled bridge per VPC over the VPC's whole block, gateway at the block's .1 (the VPC
// router's address). Subnets are ours: the emulator hands out every address (AWS-style, per subnet) and always
// passes it to Docker, so every subnet of a VPC shares one L2 segment and subnets of a VPC reach each other, as
// they do on AWS; different VPCs are different bridges, which Docker isolates from each other. The networks are not
// internal (Docker publishes no ports from internal networks, and public tasks need a way out): what a task may
// reach is decided inside its network namespace (docs/networking.md). A network is created when a task first needs
// it and removed once no task of its VPC is left (`prune`), so the block is free again for other VPCs and
// emulators: Docker refuses two networks whose blocks overlap, however AWS allows two VPCs with the same block.
//
// Which network gives a container its default route and eth0 is decided by libnetwork's endpoint order: non-internal
// networks first, then by network name (tried on Docker 20.10, both connect orders). The agent network is internal
// and its name starts with "zz-", so it sorts after every VPC network whose name sorts before it: the ENI is
// always eth0 with the default route and the agent network eth1.
import os from 'node:os';
import type Dockerode from 'dockerode';
import type { NetworkCreateOptions, NetworkInspectInfo } from 'dockerode';
import { RuntimeError, type SubnetNetworkSpec } from '../domain/task-runtime.js';
import type { Logger } from '../logger.js';
import { blocksOverlap, intToIp, parseCidr } from '../domain/network/cidr.js';
import { daemonErrorDetail, isNotFound, statusCodeOf } from './docker-errors.js';
import { labelFilter, LABEL_INSTANCE, LABEL_ROLE, LABEL_VPC_ID } from './labels.js';
import { vpcNetworkDockerName } from './names.js';

export interface AgentNetworkSpec {
  name: string;
  subnet: string;
  /** The bridge's own address on the host: where a host-process emulator serves 169.254.170.2. */
  gateway: string;
  /** Where Docker hands out task addresses; keeps 169.254.169.254 and 169.254.170.x free. */
  ipRange: string;
  /**
   * Task-to-task traffic over the agent network. Off for an emulator on the host (design A). An emulator in a
   * container on this network (docker compose, design B) needs it on to be reachable, and then has to isolate
   * tasks another way. An existing network (e.g. made by compose, labelled fargate-local.role=agent-network)
   * must match this setting.
   */
  enableIcc: boolean;
}

export const DEFAULT_AGENT_NETWORK: AgentNetworkSpec = {
  name: 'zz-fargate-local-agent',
  subnet: '169.254.0.0/16',
  gateway: '169.254.170.2',
  ipRange: '169.254.176.0/20',
  enableIcc: false,
};

async function inspectByName(docker: Dockerode, name: string): Promise<NetworkInspectInfo | null> {
  try {
    const info = (await docker.getNetwork(name).inspect()) as NetworkInspectInfo;
    // Docker also resolves ID prefixes; only an exact name counts.
    return info.Name === name ? info : null;
  } catch (err) {
    if (isNotFound(err)) return null;
    throw err;
  }
}

function subnetsOf(info: NetworkInspectInfo): string[] {
  return (info.IPAM?.Config ?? []).map((c) => c.Subnet ?? '').filter(Boolean);
}

/**
 * Where an emulator that runs in a container (the compose deployment) sits on a VPC network: the VPC's base + 2,
 * the address AWS keeps for its DNS resolver, so no ENI ever takes it; task firewalls trust it like the gateway.
 */
export function emulatorAddressIn(vpcCidr: string): string {
  const cidr = parseCidr(vpcCidr);
  if (!cidr) throw new Error(`not a CIDR block: ${vpcCidr}`);
  return intToIp(cidr.network + 2);
}

export class NetworkManager {
  private readonly inFlight = new Map<string, Promise<void>>();
  private readonly leases = new Map<string, number>();
  private readonly removing = new Map<string, Promise<void>>();
  /** VPC networks this emulator's own container has joined. */
  private readonly joined = new Set<string>();

  /**
   * @param self the emulator's own container (the compose deployment): it joins every VPC network so that listeners
   *   and health checks reach task addresses, as from the host they do through the bridges.
   */
  constructor(
    private readonly docker: Dockerode,
    private readonly instanceId: string,
    readonly agent: AgentNetworkSpec = DEFAULT_AGENT_NETWORK,
    private readonly logger?: Logger,
    private readonly self?: string,
  ) {}

  /** Makes sure the agent network exists as specified; throws ResourceInitializationError otherwise. */
  ensureAgentNetwork(): Promise<void> {
    const a = this.agent;
    return this.once(a.name, async () => {
      const create = {
        Name: a.name,
        Driver: 'bridge',
        Internal: true,
        CheckDuplicate: true,
        Options: { 'com.docker.network.bridge.enable_icc': String(a.enableIcc) },
        IPAM: { Driver: 'default', Config: [{ Subnet: a.subnet, Gateway: a.gateway, IPRange: a.ipRange }] },
        Labels: { [LABEL_ROLE]: 'agent-network' },
      };
      await this.getOrCreate(a.name, create, (info) => {
        const ok =
          info.Labels?.[LABEL_ROLE] === 'agent-network' &&
          info.Internal === true &&
          (info.Options?.['com.docker.network.bridge.enable_icc'] ?? 'true') === String(a.enableIcc) &&
          subnetsOf(info).includes(a.subnet);
        const icc = a.enableIcc ? 'ICC-on' : 'ICC-off';
        return ok
          ? null
          : `network ${a.name} exists but is not an internal, ${icc} agent network over ${a.subnet} labelled ${LABEL_ROLE}=agent-network`;
      });
    });
  }

  /**
   * Holds the VPC's network (creating it if needed) until `release` is called: a network in use by a sandbox being
   * created is never pruned under it. Throws ResourceInitializationError when it cannot exist.
   */
  async lease(spec: SubnetNetworkSpec): Promise<() => void> {
    const name = this.nameOf(spec.vpcId);
    const removing = this.removing.get(name);
    if (removing) await removing;
    this.leases.set(name, (this.leases.get(name) ?? 0) + 1);
    let released = false;
    const release = () => {
      if (released) return;
      released = true;
      const left = (this.leases.get(name) ?? 1) - 1;
      if (left > 0) this.leases.set(name, left);
      else this.leases.delete(name);
    };
    try {
      await this.ensureVpcNetwork(spec);
      return release;
    } catch (err) {
      release();
      throw err;
    }
  }

  /** The Docker network of one of this instance's VPCs. */
  nameOf(vpcId: string): string {
    return vpcNetworkDockerName(this.instanceId, vpcId);
  }

  /** Removes this instance's VPC networks of VPCs not in `keepVpcIds`, unless leased or still used by containers. */
  async prune(keepVpcIds: ReadonlySet<string>): Promise<void> {
    const ours = await this.docker.listNetworks({
      filters: labelFilter({ [LABEL_INSTANCE]: this.instanceId, [LABEL_ROLE]: 'vpc-network' }),
    });
    const kept = (n: NetworkInspectInfo) => keepVpcIds.has(n.Labels?.[LABEL_VPC_ID] ?? '');
    await Promise.all(
      ours
        .filter((n) => !kept(n) && !this.leases.has(n.Name) && !this.removing.has(n.Name))
        .map((n) => {
          const removal = this.leave(n.Name)
            .then(() => this.docker.getNetwork(n.Id).remove())
            .catch((err: unknown) => {
              // 403/409: containers still attached (a stopped task kept for debugging); 404: gone already.
              if (!isNotFound(err)) this.logger?.debug({ err, network: n.Name }, 'network kept');
            })
            .finally(() => this.removing.delete(n.Name));
          this.removing.set(n.Name, removal);
          return removal;
        }),
    );
    // An emulator container made anew (compose up after down) joins the networks its adopted tasks use.
    for (const n of ours) {
      const cidr = n.IPAM?.Config?.[0]?.Subnet;
      if (kept(n) && cidr) await this.join(n.Name, cidr);
    }
  }

  /** With `self`: puts the emulator's container on the VPC network, at the VPC's base + 2 (once per network). */
  private async join(name: string, vpcCidr: string): Promise<void> {
    if (!this.self || this.joined.has(name)) return;
    try {
      await this.docker.getNetwork(name).connect({
        Container: this.self,
        EndpointConfig: { IPAMConfig: { IPv4Address: emulatorAddressIn(vpcCidr) } },
      });
    } catch (err) {
      // 403: already on it (a restart of the same container).
      if (statusCodeOf(err) !== 403) {
        this.logger?.warn({ err, network: name }, 'this container could not join the VPC network: listeners cannot reach its tasks');
        return;
      }
    }
    this.joined.add(name);
  }

  /** Takes the emulator's container off a VPC network before it is removed (an attached container keeps it). */
  private async leave(name: string): Promise<void> {
    if (!this.self) return;
    this.joined.delete(name);
    await this.docker
      .getNetwork(name)
      .disconnect({ Container: this.self, Force: true })
      .catch(() => undefined);
  }

  /** Makes sure the VPC's bridge network exists with its block; reuses one of ours with the same name and block. */
  private ensureVpcNetwork(spec: SubnetNetworkSpec): Promise<void> {
    const name = this.nameOf(spec.vpcId);
    if (name >= this.agent.name) {
      const problem = `network name ${name} must sort before ${this.agent.name}, or the agent network takes the default route`;
      return Promise.reject(new RuntimeError('ResourceInitializationError', problem));
    }
    return this.once(name, async () => {
      const create = {
        Name: name,
        Driver: 'bridge',
        Internal: spec.internal,
        CheckDuplicate: true,
        IPAM: { Driver: 'default', Config: [{ Subnet: spec.cidr, Gateway: spec.gateway }] },
        Labels: {
          [LABEL_INSTANCE]: this.instanceId,
          [LABEL_ROLE]: 'vpc-network',
          [LABEL_VPC_ID]: spec.vpcId,
        },
      };
      await this.getOrCreate(
        name,
        create,
        (info) => {
          const ok = info.Labels?.[LABEL_ROLE] === 'vpc-network' && subnetsOf(info).includes(spec.cidr);
          return ok ? null : `network ${name} exists but is not our network for ${spec.vpcId} over ${spec.cidr}`;
        },
        () => (this.self ? null : hostOverlap(spec.cidr)),
      );
      await this.join(name, spec.cidr);
    });
  }

  /** Docker refuses overlapping subnets; name the network in the way (e.g. another deployment's agent network). */
  private async explain(err: unknown, create: NetworkCreateOptions): Promise<string> {
    const detail = daemonErrorDetail(err);
    if (!/overlaps/i.test(detail)) return detail;
    const wanted = create.IPAM?.Config?.[0]?.Subnet ?? '';
    const others = await this.docker.listNetworks().catch(() => []);
    const clash = others.filter((n) => (n.IPAM?.Config ?? []).some((c) => c.Subnet && blocksOverlap(c.Subnet, wanted)));
    return clash.length
      ? `${detail} (network ${create.Name} over ${wanted} overlaps ${clash.map((n) => `${n.Name} ${n.IPAM?.Config?.[0]?.Subnet}`).join(', ')})`
      : detail;
  }

  /** Concurrent calls for one name share one attempt. */
  private once(name: string, work: () => Promise<void>): Promise<void> {
    const running = this.inFlight.get(name);
    if (running) return running;
    const p = work().finally(() => this.inFlight.delete(name));
    this.inFlight.set(name, p);
    return p;
  }

  private async getOrCreate(
    name: string,
    create: NetworkCreateOptions,
    mismatch: (info: NetworkInspectInfo) => string | null,
    refuse: () => string | null = () => null,
  ): Promise<void> {
    for (let attempt = 0; attempt < 2; attempt++) {
      const existing = await inspectByName(this.docker, name);
      if (existing) {
        const problem = mismatch(existing);
        if (problem) throw new RuntimeError('ResourceInitializationError', problem);
        return;
      }
      const refusal = refuse();
      if (refusal) throw new RuntimeError('ResourceInitializationError', refusal);
      try {
        await this.docker.createNetwork(create);
        return;
      } catch (err) {
        // 409: another emulator created it meanwhile; look again.
        if (statusCodeOf(err) !== 409) throw new RuntimeError('ResourceInitializationError', await this.explain(err, create));
      }
    }
    throw new RuntimeError('ResourceInitializationError', `network ${name} could not be created`);
  }
}

/**
 * Refuses a VPC block that overlaps an address of this machine's own interfaces (other than Docker's bridges): a
 * bridge over it would take the host's own route, e.g. on an EC2 instance inside 172.31.0.0/16 (the default VPC's
 * block), its default gateway. Only meaningful when the emulator runs on the Docker host, which is the usual case.
 */
export function hostOverlap(cidr: string, interfaces = os.networkInterfaces()): string | null {
  for (const [name, addresses] of Object.entries(interfaces)) {
    if (/^(docker\d*|br-[0-9a-f]+|veth)/.test(name)) continue;
    for (const a of addresses ?? []) {
      if (a.family !== 'IPv4' || a.internal || !a.cidr) continue;
      if (blocksOverlap(cidr, a.cidr)) {
        return `the VPC block ${cidr} overlaps this host's own network ${name} (${a.cidr}); a Docker network over it would cut the host off. Use a VPC with another block.`;
      }
    }
  }
  return null;
}
