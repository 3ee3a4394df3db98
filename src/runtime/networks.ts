// The Docker networks tasks use: the shared internal agent network and one bridge network per emulated subnet.
//
// Agent network: `--internal`, ICC off, over all of 169.254.0.0/16. Every pause container is connected to it before
// it starts, so no link-local traffic (169.254.170.2, IMDS at 169.254.169.254) can leave the host, and tasks
// cannot reach each other over it. It is shared by every emulator instance on the engine (Docker refuses two
// networks with overlapping subnets), so it carries no instance label and is never removed with a task.
//
// Subnet networks: a labelled bridge per subnet with an explicit subnet and gateway; get-or-create by name.
//
// Which network gives a container its default route and eth0 is decided by libnetwork's endpoint order: non-internal
// networks first, then by network name (tried on Docker 20.10, both connect orders). The agent network is internal
// and its name starts with "zz-", so it sorts after every subnet network whose name sorts before it: the ENI is
// always eth0 with the default route (also for internal, i.e. private, subnets) and the agent network eth1.
import type Dockerode from 'dockerode';
import type { NetworkCreateOptions, NetworkInspectInfo } from 'dockerode';
import { RuntimeError, type SubnetNetworkSpec } from '../domain/task-runtime.js';
import { daemonErrorDetail, isNotFound, statusCodeOf } from './docker-errors.js';
import { LABEL_INSTANCE, LABEL_ROLE, LABEL_SUBNET_ID, LABEL_VPC_ID } from './labels.js';

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

export class NetworkManager {
  private readonly inFlight = new Map<string, Promise<void>>();

  constructor(
    private readonly docker: Dockerode,
    private readonly instanceId: string,
    readonly agent: AgentNetworkSpec = DEFAULT_AGENT_NETWORK,
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
        return ok ? null : `network ${a.name} exists but is not an internal, ${icc} agent network over ${a.subnet} labelled ${LABEL_ROLE}=agent-network`;
      });
    });
  }

  /** Makes sure the subnet's bridge network exists with this CIDR; reuses one of ours with the same name and CIDR. */
  ensureSubnetNetwork(spec: SubnetNetworkSpec): Promise<void> {
    if (spec.name >= this.agent.name) {
      const problem = `subnet network name ${spec.name} must sort before ${this.agent.name}, or the agent network takes the default route`;
      return Promise.reject(new RuntimeError('ResourceInitializationError', problem));
    }
    return this.once(spec.name, async () => {
      const create = {
        Name: spec.name,
        Driver: 'bridge',
        Internal: spec.internal,
        CheckDuplicate: true,
        IPAM: { Driver: 'default', Config: [{ Subnet: spec.cidr, Gateway: spec.gateway }] },
        Labels: {
          [LABEL_INSTANCE]: this.instanceId,
          [LABEL_ROLE]: 'subnet-network',
          [LABEL_SUBNET_ID]: spec.subnetId,
          [LABEL_VPC_ID]: spec.vpcId,
        },
      };
      await this.getOrCreate(spec.name, create, (info) => {
        const ok = info.Labels?.[LABEL_ROLE] === 'subnet-network' && subnetsOf(info).includes(spec.cidr);
        return ok ? null : `network ${spec.name} exists but is not our subnet network for ${spec.cidr}`;
      });
    });
  }

  /** Docker refuses overlapping subnets; name the network in the way (e.g. another deployment's agent network). */
  private async explain(err: unknown, create: NetworkCreateOptions): Promise<string> {
    const detail = daemonErrorDetail(err);
    if (!/overlaps/i.test(detail)) return detail;
    const wanted = create.IPAM?.Config?.[0]?.Subnet ?? '';
    const others = await this.docker.listNetworks().catch(() => []);
    const clash = others.filter((n) => (n.IPAM?.Config ?? []).some((c) => c.Subnet && cidrsOverlap(c.Subnet, wanted)));
    return clash.length ? `${detail} (network ${create.Name} over ${wanted} overlaps ${clash.map((n) => `${n.Name} ${n.IPAM?.Config?.[0]?.Subnet}`).join(', ')})` : detail;
  }

  /** Concurrent calls for one name share one attempt. */
  private once(name: string, work: () => Promise<void>): Promise<void> {
    const running = this.inFlight.get(name);
    if (running) return running;
    const p = work().finally(() => this.inFlight.delete(name));
    this.inFlight.set(name, p);
    return p;
  }

  private async getOrCreate(name: string, create: NetworkCreateOptions, mismatch: (info: NetworkInspectInfo) => string | null): Promise<void> {
    for (let attempt = 0; attempt < 2; attempt++) {
      const existing = await inspectByName(this.docker, name);
      if (existing) {
        const problem = mismatch(existing);
        if (problem) throw new RuntimeError('ResourceInitializationError', problem);
        return;
      }
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

function ipv4ToInt(ip: string): number {
  return ip.split('.').reduce((acc, part) => acc * 256 + Number(part), 0);
}

/** Whether two IPv4 CIDR blocks share an address (false for anything that is not IPv4). */
export function cidrsOverlap(a: string, b: string): boolean {
  const parse = (cidr: string) => {
    const [ip, bits] = cidr.split('/');
    if (!ip || !/^\d+\.\d+\.\d+\.\d+$/.test(ip)) return null;
    const size = 2 ** (32 - Number(bits ?? 32));
    const start = Math.floor(ipv4ToInt(ip) / size) * size;
    return { start, end: start + size - 1 };
  };
  const x = parse(a);
  const y = parse(b);
  return !!x && !!y && x.start <= y.end && y.start <= x.end;
}
