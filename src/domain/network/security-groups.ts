// Security groups: creation, deletion and rule changes with EC2's rules and errors. A permission as the API takes it
// (protocol, ports, several peers) is stored as one rule per peer, as EC2 itself keeps them (security group rules,
// each with its own `sgr-` id), and put back together per (protocol, ports) when described.
import type { Tag } from '../tags.js';
import { parseCidr } from './cidr.js';
import {
  cannotDeleteDefaultGroup,
  duplicateGroup,
  duplicatePermission,
  groupHasDependentObject,
  groupInOtherVpc,
  groupNameLooksLikeId,
  invalidPortRange,
  malformedCidrIp,
  missingParameter,
  permissionNotFound,
  portRangeRequired,
  reservedGroupName,
  securityGroupNameNotFound,
  securityGroupNotFound,
  securityGroupRuleNotFound,
  unknownProtocol,
} from './ec2-errors.js';
import type { NetworkState } from './network-state.js';
import { newSecurityGroup, type SecurityGroupRecord, type SecurityGroupRule } from './vpc.js';

export type Direction = 'ingress' | 'egress';

export interface PermissionInput {
  ipProtocol?: string;
  fromPort?: number;
  toPort?: number;
  ipRanges?: { cidrIp?: string; description?: string }[];
  ipv6Ranges?: { cidrIpv6?: string; description?: string }[];
  prefixListIds?: { prefixListId?: string; description?: string }[];
  groups?: { groupId?: string; groupName?: string; description?: string }[];
}

export type RuleSpec = Omit<SecurityGroupRule, 'ruleId'>;

export function getSecurityGroup(state: NetworkState, groupId: string): SecurityGroupRecord {
  const group = state.securityGroups[groupId];
  if (!group) throw securityGroupNotFound(groupId);
  return group;
}

/** A group named in a request by id, or by name within a VPC (EC2 looks names up in the default VPC). */
export function resolveGroup(
  state: NetworkState,
  ref: { groupId?: string; groupName?: string },
  vpcId: string | undefined,
): SecurityGroupRecord {
  if (ref.groupId) return getSecurityGroup(state, ref.groupId);
  if (!ref.groupName) throw missingParameter('GroupId');
  const found = Object.values(state.securityGroups).find((g) => g.groupName === ref.groupName && g.vpcId === vpcId);
  if (!found) throw securityGroupNameNotFound(ref.groupName, vpcId ?? '');
  return found;
}

export interface CreateSecurityGroupRequest {
  groupId: string;
  groupName?: string;
  description?: string;
  vpcId: string;
  tags: Tag[];
}

export function createSecurityGroup(state: NetworkState, req: CreateSecurityGroupRequest, now: number): SecurityGroupRecord {
  if (!req.groupName) throw missingParameter('GroupName');
  if (req.description === undefined) throw missingParameter('GroupDescription');
  if (req.groupName === 'default') throw reservedGroupName();
  if (req.groupName.startsWith('sg-')) throw groupNameLooksLikeId();
  if (Object.values(state.securityGroups).some((g) => g.vpcId === req.vpcId && g.groupName === req.groupName)) {
    throw duplicateGroup(req.groupName, req.vpcId);
  }
  const group = newSecurityGroup({
    groupId: req.groupId,
    groupName: req.groupName,
    description: req.description,
    vpcId: req.vpcId,
    tags: req.tags,
    createdAt: now,
  });
  state.securityGroups[group.groupId] = group;
  return group;
}

/** Deletes a group: never a VPC's default one, nor one an ENI uses or another group's rule names. */
export function deleteSecurityGroup(state: NetworkState, group: SecurityGroupRecord): void {
  if (group.groupName === 'default') throw cannotDeleteDefaultGroup(group.groupId);
  const usedByEni = Object.values(state.networkInterfaces).some((eni) => eni.groups.includes(group.groupId));
  const referenced = Object.values(state.securityGroups).some(
    (g) => g.groupId !== group.groupId && [...g.ingress, ...g.egress].some((r) => r.groupId === group.groupId),
  );
  if (usedByEni || referenced) throw groupHasDependentObject(group.groupId);
  delete state.securityGroups[group.groupId];
}

const PROTOCOL_NAMES: Record<string, string> = {
  '-1': '-1',
  all: '-1',
  '6': 'tcp',
  tcp: 'tcp',
  '17': 'udp',
  udp: 'udp',
  '1': 'icmp',
  icmp: 'icmp',
  '58': 'icmpv6',
  icmpv6: 'icmpv6',
};

/** `-1`, `tcp`, `udp`, `icmp`, `icmpv6`, or another protocol number (0-255) as EC2 stores it. */
export function normalizeProtocol(protocol: string | undefined): string {
  const p = (protocol ?? '').trim().toLowerCase();
  const named = PROTOCOL_NAMES[p];
  if (named) return named;
  if (/^\d+$/.test(p) && Number(p) <= 255) return String(Number(p));
  throw unknownProtocol(protocol ?? '');
}

function portsOf(protocol: string, from: number | undefined, to: number | undefined): Pick<RuleSpec, 'fromPort' | 'toPort'> {
  if (protocol === 'tcp' || protocol === 'udp') {
    if (from === undefined || to === undefined) throw portRangeRequired();
    if (from < 0 || to > 65535) throw portRangeRequired();
    if (from > to) throw invalidPortRange(from, to);
    return { fromPort: from, toPort: to };
  }
  if (protocol === 'icmp' || protocol === 'icmpv6') return { fromPort: from ?? -1, toPort: to ?? -1 };
  return {};
}

/** The rules a request's permissions stand for, one per peer; `vpcId` is the group's own VPC. */
export function ruleSpecsOf(state: NetworkState, vpcId: string, permissions: readonly PermissionInput[]): RuleSpec[] {
  const specs: RuleSpec[] = [];
  for (const p of permissions) {
    const ipProtocol = normalizeProtocol(p.ipProtocol);
    const base = { ipProtocol, ...portsOf(ipProtocol, p.fromPort, p.toPort) };
    const withDescription = (d?: string) => (d === undefined ? {} : { description: d });
    for (const r of p.ipRanges ?? []) {
      const cidr = r.cidrIp === undefined ? null : parseCidr(r.cidrIp);
      if (!cidr) throw malformedCidrIp(r.cidrIp ?? '');
      specs.push({ ...base, cidrIpv4: cidr.text, ...withDescription(r.description) });
    }
    for (const r of p.ipv6Ranges ?? []) {
      if (!r.cidrIpv6 || !/^[0-9a-f:]+\/\d{1,3}$/i.test(r.cidrIpv6)) throw malformedCidrIp(r.cidrIpv6 ?? '');
      specs.push({ ...base, cidrIpv6: r.cidrIpv6.toLowerCase(), ...withDescription(r.description) });
    }
    for (const r of p.prefixListIds ?? []) {
      if (!r.prefixListId) throw missingParameter('PrefixListId');
      specs.push({ ...base, prefixListId: r.prefixListId, ...withDescription(r.description) });
    }
    for (const r of p.groups ?? []) {
      const peer = resolveGroup(state, r, vpcId);
      if (peer.vpcId !== vpcId) throw groupInOtherVpc();
      specs.push({ ...base, groupId: peer.groupId, ...withDescription(r.description) });
    }
  }
  if (specs.length === 0) throw missingParameter('IpPermissions');
  return specs;
}

const peerOf = (r: RuleSpec) => r.cidrIpv4 ?? r.cidrIpv6 ?? r.prefixListId ?? r.groupId ?? '';
const sameRule = (a: RuleSpec, b: RuleSpec) =>
  a.ipProtocol === b.ipProtocol && a.fromPort === b.fromPort && a.toPort === b.toPort && peerOf(a) === peerOf(b);

/** EC2's description of a rule in its Duplicate error: `peer: 0.0.0.0/0, TCP, from port: 80, to port: 80, ALLOW`. */
export function describeRule(r: RuleSpec): string {
  const parts = [`peer: ${peerOf(r)}`];
  if (r.ipProtocol === '-1') parts.push('ALL');
  else if (r.ipProtocol === 'tcp' || r.ipProtocol === 'udp')
    parts.push(r.ipProtocol.toUpperCase(), `from port: ${r.fromPort}`, `to port: ${r.toPort}`);
  else if (r.ipProtocol === 'icmp' || r.ipProtocol === 'icmpv6')
    parts.push(r.ipProtocol.toUpperCase(), `type: ${r.fromPort}`, `code: ${r.toPort}`);
  else parts.push(r.ipProtocol);
  return [...parts, 'ALLOW'].join(', ');
}

/** Adds rules to a group; refuses the whole request when one of them is already there (or twice in it). */
export function authorizeRules(
  group: SecurityGroupRecord,
  direction: Direction,
  specs: readonly RuleSpec[],
  newRuleId: () => string,
): SecurityGroupRule[] {
  const rules = group[direction];
  const added: SecurityGroupRule[] = [];
  for (const spec of specs) {
    if ([...rules, ...added].some((r) => sameRule(r, spec))) throw duplicatePermission(describeRule(spec));
    added.push({ ruleId: newRuleId(), ...spec });
  }
  rules.push(...added);
  return added;
}

export interface RevokeResult {
  revoked: SecurityGroupRule[];
  /** Requested rules the group does not have (reported back, as EC2 does, when others were revoked). */
  unknown: RuleSpec[];
}

/** Removes the rules that match (description aside); refuses when none does. */
export function revokeRules(group: SecurityGroupRecord, direction: Direction, specs: readonly RuleSpec[]): RevokeResult {
  const revoked: SecurityGroupRule[] = [];
  const unknown: RuleSpec[] = [];
  for (const spec of specs) {
    const found = group[direction].find((r) => sameRule(r, spec) && !revoked.includes(r));
    if (found) revoked.push(found);
    else unknown.push(spec);
  }
  if (revoked.length === 0) throw permissionNotFound();
  group[direction] = group[direction].filter((r) => !revoked.includes(r));
  return { revoked, unknown };
}

/** Removes rules by id (SecurityGroupRuleIds). */
export function revokeRulesById(group: SecurityGroupRecord, direction: Direction, ruleIds: readonly string[]): RevokeResult {
  const missing = ruleIds.find((id) => !group[direction].some((r) => r.ruleId === id));
  if (missing) {
    throw securityGroupRuleNotFound(missing);
  }
  const revoked = group[direction].filter((r) => ruleIds.includes(r.ruleId));
  group[direction] = group[direction].filter((r) => !ruleIds.includes(r.ruleId));
  return { revoked, unknown: [] };
}
