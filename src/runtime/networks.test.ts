import { describe, expect, it } from 'vitest';
import type Dockerode from 'dockerode';
import { NetworkManager } from './networks.js';

describe('NetworkManager: VPC networks', () => {
  const spec = { vpcId: 'vpc-1', cidr: '10.9.0.0/16', gateway: '10.9.0.1', internal: false };
  const name = 'fargate-local-i1-vpc-1';

  /** An engine with networks in memory; removals wait until `release()` when `holdRemovals` is set. */
  function stubEngine() {
    const networks = new Map<
      string,
      { Id: string; Name: string; Labels: Record<string, string>; IPAM: { Config: { Subnet: string }[] } }
    >();
    const calls: string[] = [];
    let holdRemovals = false;
    const held: (() => void)[] = [];
    const docker = {
      getNetwork(idOrName: string) {
        return {
          async inspect() {
            const n = networks.get(idOrName);
            if (!n) throw Object.assign(new Error('no such network'), { statusCode: 404 });
            return n;
          },
          async remove() {
            calls.push(`remove ${idOrName}`);
            if (holdRemovals) await new Promise<void>((resolve) => held.push(resolve));
            networks.delete(idOrName);
          },
        };
      },
      async createNetwork(o: { Name: string; Labels: Record<string, string>; IPAM: { Config: { Subnet: string }[] } }) {
        calls.push(`create ${o.Name}`);
        networks.set(o.Name, { Id: o.Name, Name: o.Name, Labels: o.Labels, IPAM: o.IPAM });
      },
      async listNetworks() {
        return [...networks.values()];
      },
    } as unknown as Dockerode;
    return {
      docker,
      calls,
      networks,
      hold: () => (holdRemovals = true),
      release: () => {
        for (const r of held.splice(0)) r();
      },
    };
  }

  it('creates a VPC network once, labelled, and prunes it only when no lease holds it and it is not kept', async () => {
    const engine = stubEngine();
    const manager = new NetworkManager(engine.docker, 'i1');
    const [a, b] = await Promise.all([manager.lease(spec), manager.lease(spec)]);
    expect(engine.calls).toEqual([`create ${name}`]);
    expect(engine.networks.get(name)!.Labels).toMatchObject({
      'fargate-local.role': 'vpc-network',
      'fargate-local.vpc-id': 'vpc-1',
      'fargate-local.instance': 'i1',
    });
    a!();
    await manager.prune(new Set());
    expect(engine.networks.has(name)).toBe(true);
    b!();
    await manager.prune(new Set([spec.vpcId]));
    expect(engine.networks.has(name)).toBe(true);
    await manager.prune(new Set());
    expect(engine.networks.has(name)).toBe(false);
  });

  it('makes a lease taken while the network is being removed wait, then recreate it', async () => {
    const engine = stubEngine();
    const manager = new NetworkManager(engine.docker, 'i1');
    (await manager.lease(spec))();
    engine.hold();
    const pruning = manager.prune(new Set());
    await new Promise((r) => setImmediate(r));
    let leased = false;
    const leasing = manager.lease(spec).then((release) => {
      leased = true;
      return release;
    });
    await new Promise((r) => setImmediate(r));
    expect(leased).toBe(false);
    engine.release();
    await pruning;
    (await leasing)();
    expect(engine.calls).toEqual([`create ${name}`, `remove ${name}`, `create ${name}`]);
    expect(engine.networks.has(name)).toBe(true);
  });
});
