// The warm pool's decisions, without I/O: which (subnet, security groups) keys to keep ready sandboxes for, how many
// a subnet may hold, and which address a new one takes. The engine (src/engine/warm-pool.ts) carries them out.
//
// A spare sandbox is a pause container on the VPC's network with an address of the subnet, the agent network and the
// security group rules of its key in place, and no task. It is no ENI: DescribeNetworkInterfaces does not list it
// and the subnet's AvailableIpAddressCount counts its address as free, as AWS would. So it must never keep a launch
// from an address: a subnet's spares hold at most half of the addresses no ENI has, new ones take the highest free
// address (launches take the lowest), and a launch that finds no other free address takes a spare of any key.
import { groupSetKey } from './network/network-state.js';

export interface PoolKey {
  /** `<accountId>/<region>` (scopeKey). */
  scopeKey: string;
  subnetId: string;
  /** The security groups, sorted and without repeats. */
  groups: string[];
  assignPublicIp: boolean;
}

export function poolKey(scopeKey: string, subnetId: string, groups: readonly string[], assignPublicIp: boolean): PoolKey {
  return { scopeKey, subnetId, groups: groupSetKey(groups).split(',').filter(Boolean), assignPublicIp };
}

export const poolKeyText = (k: PoolKey) => `${k.scopeKey}|${k.subnetId}|${k.groups.join(',')}|${k.assignPublicIp ? 'public' : 'private'}`;

export interface KeyUse {
  key: PoolKey;
  lastUsed: number;
}

export interface WarmKeyLimits {
  /** Keys kept warm at most (the most recently used). */
  maxKeys: number;
  /** A key not launched into for this long goes cold (its spares are removed). */
  idleMs: number;
}

/** The keys to keep spares for: used within idleMs, the most recent first, at most maxKeys. */
export function keysToKeepWarm<U extends KeyUse>(uses: Iterable<U>, now: number, limits: WarmKeyLimits): U[] {
  return [...uses]
    .filter((u) => now - u.lastUsed < limits.idleMs)
    .sort((a, b) => b.lastUsed - a.lastUsed)
    .slice(0, limits.maxKeys);
}

/**
 * How many spares a key should have: the pool size, within what the subnet allows. Spares of the whole subnet never
 * hold more than half of the addresses no ENI has (`free`, the spares' own included), so a launch always finds a free
 * address without waiting for a spare to go. `heldByOtherKeys`: spares of the subnet's other keys.
 */
export function spareTarget(poolSize: number, free: number, heldByOtherKeys: number): number {
  return Math.max(0, Math.min(poolSize, Math.floor(free / 2) - heldByOtherKeys));
}

/** The spares to give back in a subnet (newest first is the caller's choice): how many it holds over its allowance. */
export function sparesOverAllowance(free: number, held: number): number {
  return Math.max(0, held - Math.floor(free / 2));
}

/** Spare sandboxes stand in the runtime as tasks with ids of this prefix (never a task id: those are 32 hex digits). */
export const SPARE_ID_PREFIX = 'warm-';
export const isSpareId = (id: string) => id.startsWith(SPARE_ID_PREFIX);
