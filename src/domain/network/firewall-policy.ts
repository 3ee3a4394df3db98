// What a task's network namespace lets in and out, from its ENI's security groups and its subnet: the policy the
// runtime enforces at the task boundary (docs/networking.md). Pure: it is recomputed from the state whenever a
// group's rules or the members of a referenced group change, and compared with what was applied.
//
// - Ingress: a rule per security group rule; a source group stands for the private addresses of the ENIs in the
//   VPC that carry it. The VPC router address (.1, where the host reaches tasks from) and the VPC's .2 (where an
//   emulator in a container joins) are trusted unless the host is made subject to the groups.
// - Egress: the same from the groups' egress rules. A task without internet access (private subnet, or no public
//   IP) may only send to its VPC's block.
// - IPv6 and prefix-list rules have nothing to match on Docker's IPv4 networks and are left out.
import { gatewayOf, intToIp, parseCidr } from './cidr.js';
import type { NetworkInterfaceRecord } from './eni.js';
import { hasInternetAccess, type NetworkState } from './network-state.js';
import type { SecurityGroupRule } from './vpc.js';

export interface FirewallRule {
  /** 'all', 'tcp', 'udp', 'icmp', or another protocol number. */
  protocol: string;
  /** tcp/udp: the port range; icmp: type (fromPort) and code (toPort), -1 = any. */
  fromPort?: number;
  toPort?: number;
  /** Peers (sources for ingress, destinations for egress), sorted. */
  cidrs: string[];
}

export interface FirewallPolicy {
  vpcCidr: string;
  internetAccess: boolean;
  /** Sources let in whatever the groups say (the host). */
  trustedSources: string[];
  ingress: FirewallRule[];
  egress: FirewallRule[];
}

export interface FirewallOptions {
  /** When true the host is let in only as the groups allow (by its VPC router address). */
  hostSubjectToGroups: boolean;
}

function memberAddresses(state: NetworkState, vpcId: string, groupId: string): string[] {
  return Object.values(state.networkInterfaces)
    .filter((e) => e.vpcId === vpcId && e.groups.includes(groupId))
    .map((e) => `${e.privateIpAddress}/32`);
}

function toFirewallRules(state: NetworkState, vpcId: string, rules: readonly SecurityGroupRule[]): FirewallRule[] {
  const byKey = new Map<string, FirewallRule>();
  for (const r of rules) {
    const peers = r.cidrIpv4 ? [r.cidrIpv4] : r.groupId ? memberAddresses(state, vpcId, r.groupId) : [];
    if (peers.length === 0) continue;
    const protocol = r.ipProtocol === '-1' ? 'all' : r.ipProtocol;
    const key = `${protocol}|${r.fromPort ?? ''}|${r.toPort ?? ''}`;
    const rule = byKey.get(key) ?? { protocol, ...(r.fromPort !== undefined ? { fromPort: r.fromPort, toPort: r.toPort } : {}), cidrs: [] };
    rule.cidrs.push(...peers);
    byKey.set(key, rule);
  }
  return [...byKey.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([, rule]) => ({ ...rule, cidrs: [...new Set(rule.cidrs)].sort() }));
}

export function firewallPolicyFor(state: NetworkState, eni: NetworkInterfaceRecord, options: FirewallOptions): FirewallPolicy | null {
  const vpc = state.vpcs[eni.vpcId];
  const cidr = vpc && parseCidr(vpc.cidrBlock);
  if (!vpc || !cidr) return null;
  const groups = eni.groups.map((id) => state.securityGroups[id]).filter((g) => g !== undefined);
  return {
    vpcCidr: cidr.text,
    internetAccess: hasInternetAccess(state, eni),
    trustedSources: options.hostSubjectToGroups ? [] : [`${gatewayOf(cidr)}/32`, `${intToIp(cidr.network + 2)}/32`],
    ingress: toFirewallRules(state, eni.vpcId, groups.flatMap((g) => g.ingress)),
    egress: toFirewallRules(state, eni.vpcId, groups.flatMap((g) => g.egress)),
  };
}

/** A stable text of the policy, to tell whether it changed since it was applied. */
export const policyKey = (policy: FirewallPolicy) => JSON.stringify(policy);
