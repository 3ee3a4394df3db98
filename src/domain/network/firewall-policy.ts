// What a task's network namespace lets in and out, from its ENI's security groups and its subnet: the policy the
// runtime enforces at the task boundary (docs/networking.md). Pure: it is recomputed from the state whenever a
// group's rules or the members of a referenced group change, and compared with what was applied.
//
// - Ingress: a rule per security group rule. A source group stands for the ENIs of the VPC that carry it, matched by
//   the DSCP mark each task puts on its packets (one mark per distinct set of groups in the VPC, see network-state.ts):
//   a task joining with a set of groups the VPC already has changes nobody else's rules. ENIs without a mark (the VPC
//   has more than 63 sets) are matched by address. Marks count only from inside the VPC's block. The VPC router
//   address (.1, where the host reaches tasks from) and the VPC's .2 (where an emulator in a container joins) are
//   trusted unless the host is made subject to the groups.
// - Egress: the same from the groups' egress rules, a destination group by its members' addresses. A task without
//   internet access (private subnet, or no public IP) may only send to its VPC's block.
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
  /** Ingress only: group-set marks of source peers (from inside the VPC), sorted. */
  marks?: number[];
}

/** A connection the task opens to `address:port` goes to `address:toPort` instead (TCP). */
export interface PortRedirect {
  address: string;
  port: number;
  toPort: number;
}

export interface FirewallPolicy {
  vpcCidr: string;
  /** The DSCP mark this task's packets carry (0: none). */
  mark: number;
  internetAccess: boolean;
  /** The task metadata and credentials endpoint (`--metadata-address`): the one link-local-style peer let out. */
  metadataAddress: string;
  /** Sources let in whatever the groups say (the host). */
  trustedSources: string[];
  ingress: FirewallRule[];
  egress: FirewallRule[];
  /** Service Connect client aliases on another port than the server's (domain/cloudmap/alias-redirects.ts); sorted. */
  redirects?: PortRedirect[];
}

export interface FirewallOptions {
  /** When true the host is let in only as the groups allow (by its VPC router address). */
  hostSubjectToGroups: boolean;
  /** Where tasks reach the metadata endpoint (169.254.170.2 unless configured otherwise). */
  metadataAddress: string;
}

interface Peers {
  cidrs: string[];
  marks: number[];
}

/** Who carries each group in one VPC: every member's address, the unmarked members' addresses, the members' marks. */
export type GroupMembers = ReadonlyMap<string, { all: string[]; unmarked: string[]; marks: number[] }>;

/**
 * The members of every group of the VPC, in one pass over its ENIs. A policy reads it once per rule naming a group,
 * so the policies of all a VPC's tasks cost one pass, not one per task (compute it once per state; see FirewallSync).
 */
export function groupMembersOf(state: NetworkState, vpcId: string): GroupMembers {
  const index = new Map<string, { all: string[]; unmarked: string[]; marks: number[] }>();
  for (const e of Object.values(state.networkInterfaces)) {
    if (e.vpcId !== vpcId) continue;
    const cidr = `${e.privateIpAddress}/32`;
    for (const groupId of e.groups) {
      let entry = index.get(groupId);
      if (!entry) index.set(groupId, (entry = { all: [], unmarked: [], marks: [] }));
      entry.all.push(cidr);
      if (e.groupSetMark === undefined) entry.unmarked.push(cidr);
      else if (!entry.marks.includes(e.groupSetMark)) entry.marks.push(e.groupSetMark);
    }
  }
  return index;
}

/** Who carries a group in the VPC: the marks of the group sets that include it, and the unmarked members' addresses. */
function membersOf(members: GroupMembers, groupId: string, byMark: boolean): Peers {
  const entry = members.get(groupId);
  if (!entry) return { cidrs: [], marks: [] };
  return byMark ? { cidrs: entry.unmarked, marks: entry.marks } : { cidrs: entry.all, marks: [] };
}

function toFirewallRules(members: GroupMembers, rules: readonly SecurityGroupRule[], byMark: boolean): FirewallRule[] {
  const byKey = new Map<string, Required<FirewallRule>>();
  for (const r of rules) {
    const peers = r.cidrIpv4
      ? { cidrs: [r.cidrIpv4], marks: [] }
      : r.groupId
        ? membersOf(members, r.groupId, byMark)
        : { cidrs: [], marks: [] };
    if (peers.cidrs.length === 0 && peers.marks.length === 0) continue;
    const protocol = r.ipProtocol === '-1' ? 'all' : r.ipProtocol;
    const key = `${protocol}|${r.fromPort ?? ''}|${r.toPort ?? ''}`;
    const rule = byKey.get(key) ?? { protocol, fromPort: r.fromPort!, toPort: r.toPort!, cidrs: [], marks: [] };
    rule.cidrs.push(...peers.cidrs);
    rule.marks.push(...peers.marks);
    byKey.set(key, rule);
  }
  return [...byKey.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([, { protocol, fromPort, toPort, cidrs, marks }]) => ({
      protocol,
      ...(fromPort !== undefined ? { fromPort, toPort } : {}),
      cidrs: [...new Set(cidrs)].sort(),
      ...(marks.length ? { marks: [...new Set(marks)].sort((a, b) => a - b) } : {}),
    }));
}

/** `members`: `groupMembersOf(state, eni.vpcId)`, when the caller has it for this state already. */
export function firewallPolicyFor(
  state: NetworkState,
  eni: NetworkInterfaceRecord,
  options: FirewallOptions,
  members: GroupMembers = groupMembersOf(state, eni.vpcId),
): FirewallPolicy | null {
  const vpc = state.vpcs[eni.vpcId];
  const cidr = vpc && parseCidr(vpc.cidrBlock);
  if (!vpc || !cidr) return null;
  const groups = eni.groups.map((id) => state.securityGroups[id]).filter((g) => g !== undefined);
  return {
    vpcCidr: cidr.text,
    mark: eni.groupSetMark ?? 0,
    internetAccess: hasInternetAccess(state, eni),
    metadataAddress: options.metadataAddress,
    trustedSources: options.hostSubjectToGroups ? [] : [`${gatewayOf(cidr)}/32`, `${intToIp(cidr.network + 2)}/32`],
    ingress: toFirewallRules(
      members,
      groups.flatMap((g) => g.ingress),
      true,
    ),
    egress: toFirewallRules(
      members,
      groups.flatMap((g) => g.egress),
      false,
    ),
  };
}

/** A stable text of the policy, to tell whether it changed since it was applied. */
export const policyKey = (policy: FirewallPolicy) => JSON.stringify(policy);

/**
 * Whether this ENI joining (or leaving) the VPC can change another task's policy: its address is a peer of an egress
 * rule naming one of its groups, or of an ingress rule when it has no mark, or its mark is the only one of its set
 * (a set new to the VPC, whose mark others' ingress rules must start or stop matching).
 */
export function membershipMatters(state: NetworkState, eni: NetworkInterfaceRecord): boolean {
  const groups = new Set(eni.groups);
  const named = (rules: readonly SecurityGroupRule[]) => rules.some((r) => r.groupId !== undefined && groups.has(r.groupId));
  const vpcGroups = Object.values(state.securityGroups).filter((g) => g.vpcId === eni.vpcId);
  if (vpcGroups.some((g) => named(g.egress))) return true;
  if (!vpcGroups.some((g) => named(g.ingress))) return false;
  if (eni.groupSetMark === undefined) return true;
  return !Object.values(state.networkInterfaces).some(
    (e) => e.networkInterfaceId !== eni.networkInterfaceId && e.vpcId === eni.vpcId && e.groupSetMark === eni.groupSetMark,
  );
}
