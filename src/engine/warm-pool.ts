// The warm pool: ready task sandboxes (pause container with an address of the subnet, on the agent network, with
// its key's security group rules) for the subnets and security groups launched into recently, so a launch skips
// making one. The decisions are pure (src/domain/warm-pool.ts); this carries them out.
//
// - A spare is no task and no ENI: nothing in the store knows it. Its address stays free in the state; launches are
//   kept off it (`held`) and take it over when they claim it.
// - Refills run one sandbox at a time, only while no launch is under way, after launches and on network changes.
// - close() removes every spare; after a crash, the next start-up removes them as orphans (TaskEngine.reconcile).
import { randomBytes } from 'node:crypto';
import { macAddressOf } from '../domain/network/eni.js';
import type { FirewallPolicy } from '../domain/network/firewall-policy.js';
import { addressesInSubnet, availableIpAddressCount, groupSetKey } from '../domain/network/network-state.js';
import { allocateIpFromTop } from '../domain/network/ip-allocator.js';
import { parseCidr } from '../domain/network/cidr.js';
import { privateDnsName } from '../domain/network/vpc.js';
import { scopeKey, type Scope } from '../domain/scope.js';
import type { SandboxHandle } from '../domain/task-runtime.js';
import {
  keysToKeepWarm,
  poolKeyText,
  spareTarget,
  sparesOverAllowance,
  SPARE_ID_PREFIX,
  type KeyUse,
  type PoolKey,
} from '../domain/warm-pool.js';
import type { EngineContext } from './engine-context.js';
import type { FirewallSync } from './firewall-sync.js';
import { vpcNetworkSpec } from './task-launch.js';

/** Keys kept warm: the four most recently launched into within ten minutes. */
const WARM_KEYS = { maxKeys: 4, idleMs: 10 * 60_000 };
const COLD_CHECK_MS = 60_000;

export interface Spare {
  /** The runtime's id for it until claimed (`warm-…`). */
  id: string;
  key: PoolKey;
  scope: Scope;
  address: string;
  macAddress: string;
  /** The rules it was made with (undefined: security groups are not enforced). */
  policy: FirewallPolicy | undefined;
  /** The sandbox once made; null when making it failed (nothing is left of it then). */
  handle: Promise<SandboxHandle | null>;
  ready: boolean;
}

export class WarmPool {
  private readonly spares = new Map<string, Spare[]>();
  private readonly uses = new Map<string, KeyUse & { scope: Scope }>();
  private pass: Promise<void> | null = null;
  /** Spares launches claimed (theirs even while still being made). */
  private readonly claimedByLaunch = new WeakSet<Spare>();
  private again = false;
  private closed = false;
  private readonly timer: NodeJS.Timeout;

  constructor(
    private readonly ctx: EngineContext,
    private readonly firewall: FirewallSync,
    /** Resolves when no launch is under way: refills wait for it. */
    private readonly launchesIdle: () => Promise<void>,
  ) {
    this.timer = setInterval(() => this.refill(), COLD_CHECK_MS);
    this.timer.unref();
  }

  get enabled(): boolean {
    const { config, runtime } = this.ctx;
    return config.warmPool && config.warmPoolSize > 0 && !config.publishTaskPorts && typeof runtime.claimSandbox === 'function';
  }

  /** Addresses the subnet's spares hold (launches must not take them unless they claim the spare). */
  held(scope: Scope, subnetId: string): Set<string> {
    const held = new Set<string>();
    for (const list of this.spares.values()) {
      for (const s of list) if (s.key.subnetId === subnetId && s.key.scopeKey === scopeKey(scope)) held.add(s.address);
    }
    return held;
  }

  /**
   * A launch claims a spare of the key (a ready one first); with `anyKey`, of any key in the subnet (a launch that
   * found no other free address: its rules are then re-applied). The spare leaves the pool and is the launch's.
   */
  claim(key: PoolKey, anyKey: boolean): Spare | undefined {
    if (!this.enabled) return undefined;
    const spare = this.pick(key, anyKey);
    if (spare) this.claimedByLaunch.add(spare);
    return spare;
  }

  /** A claimed spare the launch did not use: removed. */
  discard(spare: Spare): void {
    this.claimedByLaunch.delete(spare);
    void this.remove(spare);
  }

  private pick(key: PoolKey, anyKey: boolean): Spare | undefined {
    const lists = anyKey
      ? [...this.spares.values()].filter((l) => l[0]?.key.subnetId === key.subnetId && l[0].key.scopeKey === key.scopeKey)
      : [this.spares.get(poolKeyText(key)) ?? []];
    for (const wantReady of [true, false]) {
      for (const list of lists) {
        const i = list.findIndex((s) => s.ready === wantReady);
        if (i >= 0) return list.splice(i, 1)[0];
      }
    }
    return undefined;
  }

  /** A launch into the key: it stays (or becomes) warm. */
  used(scope: Scope, key: PoolKey): void {
    if (!this.enabled) return;
    this.uses.set(poolKeyText(key), { key, lastUsed: this.ctx.clock.now(), scope });
  }

  /** Brings every warm key to its target and removes what is no longer wanted; one pass at a time, coalesced. */
  refill(): void {
    if (!this.enabled || this.closed) return;
    this.again = true;
    this.pass ??= (async () => {
      while (this.again && !this.closed) {
        this.again = false;
        await this.refillOnce();
      }
    })()
      .catch((err: unknown) => this.ctx.logger.warn({ err }, 'warm pool refill failed'))
      .finally(() => {
        this.pass = null;
      });
  }

  /** Resolves when no refill is running (tests, benchmarks). */
  async idle(): Promise<void> {
    while (this.pass) await this.pass;
  }

  /** How many spares are ready and being made (tests, benchmarks). */
  count(): { ready: number; making: number } {
    const all = [...this.spares.values()].flat();
    return { ready: all.filter((s) => s.ready).length, making: all.filter((s) => !s.ready).length };
  }

  /** Removes every spare and forgets the warm keys (a reset); the pool warms up again with the next launches. */
  async clear(): Promise<void> {
    this.uses.clear();
    await this.idle();
    await this.removeAll();
  }

  /** Stops refilling and removes every spare. */
  async close(): Promise<void> {
    this.closed = true;
    clearInterval(this.timer);
    await this.idle();
    await this.removeAll();
  }

  private async removeAll(): Promise<void> {
    const all = [...this.spares.values()].flat();
    this.spares.clear();
    await Promise.all(all.map((s) => this.remove(s)));
  }

  private async refillOnce(): Promise<void> {
    const warm = keysToKeepWarm(this.uses.values(), this.ctx.clock.now(), WARM_KEYS);
    const wanted = new Set(warm.map((u) => poolKeyText(u.key)));
    for (const [text, list] of this.spares) {
      if (wanted.has(text)) continue;
      this.spares.delete(text);
      await Promise.all(list.map((s) => this.remove(s)));
    }
    for (const text of [...this.uses.keys()]) if (!wanted.has(text)) this.uses.delete(text);
    for (const use of warm) {
      for (;;) {
        if (this.closed) return;
        await this.launchesIdle();
        const step = this.nextStep(use.scope, use.key);
        if (step === 'none') break;
        if (step === 'drop') {
          const list = this.spares.get(poolKeyText(use.key)) ?? [];
          this.spares.delete(poolKeyText(use.key));
          this.uses.delete(poolKeyText(use.key));
          await Promise.all(list.map((s) => this.remove(s)));
          break;
        }
        if (step === 'shrink') {
          const spare = this.pick(use.key, true);
          if (spare) await this.remove(spare);
          continue;
        }
        // A failure ends this key's turn (the next pass tries again): never a loop against an engine that refuses.
        if (!(await this.create(use.scope, use.key))) break;
      }
    }
  }

  /** What the key needs now: a spare more, one fewer in its subnet, none, or to go (its subnet is gone). */
  private nextStep(scope: Scope, key: PoolKey): 'grow' | 'shrink' | 'none' | 'drop' {
    const mine = this.spares.get(poolKeyText(key)) ?? [];
    const heldInSubnet = this.held(scope, key.subnetId);
    const sizes = this.ctx.store.read(scope, (s) => {
      const subnet = s.subnets[key.subnetId];
      const cidr = subnet && parseCidr(subnet.cidrBlock);
      if (!subnet || !cidr || key.groups.some((g) => !s.securityGroups[g])) return null;
      const taken = addressesInSubnet(s, key.subnetId);
      // Spares whose address an ENI or NAT gateway took meanwhile are given back first.
      const clash = [...heldInSubnet].some((a) => taken.has(a));
      return { free: availableIpAddressCount(s, subnet), clash };
    });
    if (!sizes) return 'drop';
    if (sizes.clash) {
      for (const list of this.spares.values()) {
        for (const spare of list.filter((x) => x.key.subnetId === key.subnetId && this.addressTaken(scope, x))) {
          list.splice(list.indexOf(spare), 1);
          void this.remove(spare);
        }
      }
      return this.nextStep(scope, key);
    }
    if (sparesOverAllowance(sizes.free, heldInSubnet.size) > 0) return 'shrink';
    const target = spareTarget(this.ctx.config.warmPoolSize, sizes.free, heldInSubnet.size - mine.length);
    return mine.length < target ? 'grow' : 'none';
  }

  private addressTaken(scope: Scope, spare: Spare): boolean {
    return this.ctx.store.read(scope, (s) => addressesInSubnet(s, spare.key.subnetId).has(spare.address));
  }

  /** Makes one spare of the key; false when none could be made. */
  private async create(scope: Scope, key: PoolKey): Promise<boolean> {
    const plan = this.ctx.store.read(scope, (s) => {
      const subnet = s.subnets[key.subnetId]!;
      const cidr = parseCidr(subnet.cidrBlock)!;
      const address = allocateIpFromTop(cidr, new Set([...addressesInSubnet(s, key.subnetId), ...this.held(scope, key.subnetId)]));
      const mark = s.groupSetMarks?.[subnet.vpcId]?.[groupSetKey(key.groups)];
      return address ? { vpcId: subnet.vpcId, address, mark } : null;
    });
    if (!plan) return false;
    const id = `${SPARE_ID_PREFIX}${randomBytes(8).toString('hex')}`;
    const policy = this.firewall.policyForSpare(scope, {
      vpcId: plan.vpcId,
      subnetId: key.subnetId,
      groups: key.groups,
      groupSetMark: plan.mark,
      publicIp: key.assignPublicIp ? 'pending' : undefined,
    });
    const spare: Spare = {
      id,
      key,
      scope,
      address: plan.address,
      macAddress: macAddressOf(plan.vpcId, plan.address),
      policy,
      ready: false,
      handle: Promise.resolve(null),
    };
    const text = poolKeyText(key);
    const list = this.spares.get(text) ?? [];
    this.spares.set(text, list);
    list.push(spare);
    spare.handle = (async () => {
      try {
        const handle = await this.ctx.runtime.createSandbox(
          {
            task: { taskId: id, taskArn: '', clusterArn: '', family: '', revision: 0, scopeKey: key.scopeKey },
            subnet: vpcNetworkSpec(this.ctx, scope, plan.vpcId),
            ipv4Address: plan.address,
            macAddress: spare.macAddress,
            hostname: privateDnsName(plan.address, scope.region).split('.')[0]!,
            scratchVolumes: [],
            ...(policy ? { firewall: policy } : {}),
            ...(this.ctx.dns ? { resolvers: () => this.ctx.dns!.resolvers() } : {}),
          },
          { cpu: 0, memory: 0 },
        );
        spare.ready = true;
        return handle;
      } catch (err) {
        this.ctx.logger.warn({ err, address: plan.address }, 'making a spare sandbox failed');
        const i = list.indexOf(spare);
        if (i >= 0) list.splice(i, 1);
        return null;
      }
    })();
    return (await spare.handle) !== null;
  }

  private async remove(spare: Spare): Promise<void> {
    if (this.claimedByLaunch.has(spare)) return;
    const handle = await spare.handle;
    if (!handle) return;
    await this.ctx.runtime
      .removeTask(spare.id)
      .catch((err: unknown) => this.ctx.logger.warn({ err, spare: spare.id }, 'removing a spare sandbox failed'));
  }
}
