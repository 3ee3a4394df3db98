// The ELBv2 and EC2 records ECS creates on the caller's behalf (Express Mode, gateways): a security group, an
// Application Load Balancer with an HTTP listener answering 404 by default, a target group of `ip` targets, and a
// host-header listener rule forwarding to it at the first free priority. Shared so both build them the same way.
import { elbListenerArn, elbListenerRuleArn, elbLoadBalancerArn, elbTargetGroupArn } from '../../domain/arn.js';
import {
  canonicalHostedZoneId,
  DEFAULT_HEALTH_CHECK,
  LOAD_BALANCER_ATTRIBUTE_DEFAULTS,
  loadBalancerDnsName,
  TARGET_GROUP_ATTRIBUTE_DEFAULTS,
} from '../../domain/elbv2/defaults.js';
import type { HealthCheckSettings, LoadBalancerScheme } from '../../domain/elbv2/records.js';
import { invalidParameter } from '../../domain/errors.js';
import { newSecurityGroup } from '../../domain/network/vpc.js';
import type { Ids } from '../../domain/ports.js';
import type { Scope } from '../../domain/scope.js';
import type { Tag } from '../../domain/tags.js';
import type { RegionState } from '../../store/schema.js';

export interface ManagedContext {
  scope: Scope;
  ids: Ids;
  now: number;
  vpcId: string;
  tags: Tag[];
}

export const hexOf = (ids: Ids, n: number) => ids.hex32().slice(0, n);

export const newRuleId = (ids: Ids) => `sgr-${hexOf(ids, 17)}`;

/** A security group named `<prefix>-<8 hex>` in the VPC, with no inbound rule. */
export function newManagedGroup(state: RegionState, c: ManagedContext, prefix: string, description: string): string {
  const groupId = `sg-${hexOf(c.ids, 17)}`;
  state.securityGroups[groupId] = newSecurityGroup({
    groupId,
    groupName: `${prefix}-${hexOf(c.ids, 8)}`,
    description,
    vpcId: c.vpcId,
    tags: structuredClone(c.tags),
    createdAt: c.now,
  });
  return groupId;
}

/** One subnet per Availability Zone of the VPC (the given subnets, or all of the VPC's); at least two zones. */
export function subnetsByZone(state: RegionState, vpcId: string, subnetIds?: readonly string[]): Map<string, string> {
  const zones = new Map<string, string>();
  const subnets = subnetIds?.length ? subnetIds.map((id) => state.subnets[id]) : Object.values(state.subnets);
  for (const s of subnets) if (s && s.vpcId === vpcId && !zones.has(s.availabilityZone)) zones.set(s.availabilityZone, s.subnetId);
  return zones;
}

export interface ManagedLoadBalancerRequest {
  name: string;
  scheme: LoadBalancerScheme;
  zones: Map<string, string>;
  securityGroups: string[];
  listenerPort: number;
  attributes?: Record<string, string>;
}

/** The load balancer and its HTTP listener (default action: a fixed 404). */
export function newManagedLoadBalancer(
  state: RegionState,
  c: ManagedContext,
  req: ManagedLoadBalancerRequest,
): { loadBalancerArn: string; listenerArn: string } {
  if (req.zones.size < 2) throw invalidParameter('The load balancer needs subnets in at least two Availability Zones.');
  const loadBalancerArn = elbLoadBalancerArn(c.scope, req.name, hexOf(c.ids, 16));
  const digits = (BigInt(`0x${hexOf(c.ids, 15)}`) % 10_000_000_000n).toString().padStart(10, '0');
  state.loadBalancers[loadBalancerArn] = {
    loadBalancerArn,
    loadBalancerName: req.name,
    dnsName: loadBalancerDnsName(req.name, req.scheme, c.scope.region, digits),
    canonicalHostedZoneId: canonicalHostedZoneId(c.scope.region),
    createdAt: c.now,
    scheme: req.scheme,
    vpcId: c.vpcId,
    state: 'active',
    type: 'application',
    ipAddressType: 'ipv4',
    availabilityZones: [...req.zones].map(([zoneName, subnetId]) => ({ zoneName, subnetId })),
    securityGroups: [...req.securityGroups],
    attributes: { ...LOAD_BALANCER_ATTRIBUTE_DEFAULTS, ...req.attributes },
  };
  const listenerArn = elbListenerArn(loadBalancerArn, hexOf(c.ids, 16));
  state.listeners[listenerArn] = {
    listenerArn,
    loadBalancerArn,
    port: req.listenerPort,
    protocol: 'HTTP',
    defaultActions: [{ type: 'fixed-response', fixedResponse: { statusCode: '404', contentType: 'text/plain', messageBody: 'Not Found' } }],
    defaultRuleArn: elbListenerRuleArn(listenerArn, hexOf(c.ids, 16)),
    createdAt: c.now,
  };
  state.tags[loadBalancerArn] = structuredClone(c.tags);
  state.tags[listenerArn] = structuredClone(c.tags);
  return { loadBalancerArn, listenerArn };
}

/** An HTTP target group of `ip` targets on `port`. */
export function newManagedTargetGroup(
  state: RegionState,
  c: ManagedContext,
  name: string,
  port: number,
  healthCheck: Partial<HealthCheckSettings>,
): string {
  const targetGroupArn = elbTargetGroupArn(c.scope, name, hexOf(c.ids, 16));
  state.targetGroups[targetGroupArn] = {
    targetGroupArn,
    targetGroupName: name,
    protocol: 'HTTP',
    protocolVersion: 'HTTP1',
    port,
    vpcId: c.vpcId,
    targetType: 'ip',
    ipAddressType: 'ipv4',
    healthCheck: { ...DEFAULT_HEALTH_CHECK, ...healthCheck },
    attributes: { ...TARGET_GROUP_ATTRIBUTE_DEFAULTS },
    createdAt: c.now,
    targets: [],
  };
  state.tags[targetGroupArn] = structuredClone(c.tags);
  return targetGroupArn;
}

/** A rule of the listener forwarding requests for `host` to the target group, at the lowest free priority. */
export function newHostRule(state: RegionState, c: ManagedContext, listenerArn: string, host: string, targetGroupArn: string): string {
  const ruleArn = elbListenerRuleArn(listenerArn, hexOf(c.ids, 16));
  const used = new Set(
    Object.values(state.listenerRules)
      .filter((r) => r.listenerArn === listenerArn)
      .map((r) => r.priority),
  );
  let priority = 1;
  while (used.has(priority)) priority += 1;
  state.listenerRules[ruleArn] = {
    ruleArn,
    listenerArn,
    priority,
    conditions: [{ field: 'host-header', values: [host] }],
    actions: [
      { type: 'forward', forward: { targetGroups: [{ targetGroupArn, weight: 1 }], stickiness: { enabled: false }, single: true } },
    ],
    createdAt: c.now,
  };
  state.tags[ruleArn] = structuredClone(c.tags);
  return ruleArn;
}

/** Deletes a load balancer with its listeners and their rules, and their tags. */
export function removeManagedLoadBalancer(state: RegionState, loadBalancerArn: string): void {
  for (const l of Object.values(state.listeners)) {
    if (l.loadBalancerArn !== loadBalancerArn) continue;
    for (const r of Object.values(state.listenerRules)) {
      if (r.listenerArn !== l.listenerArn) continue;
      delete state.listenerRules[r.ruleArn];
      delete state.tags[r.ruleArn];
    }
    delete state.listeners[l.listenerArn];
    delete state.tags[l.listenerArn];
  }
  delete state.loadBalancers[loadBalancerArn];
  delete state.tags[loadBalancerArn];
}

/** Deletes the groups no network interface uses; returns the others. */
export function removeUnusedGroups(state: RegionState, groupIds: readonly string[]): string[] {
  const inUse = (g: string) => Object.values(state.networkInterfaces).some((eni) => eni.groups.includes(g));
  const left = groupIds.filter(inUse);
  for (const g of groupIds) if (!left.includes(g)) delete state.securityGroups[g];
  return left;
}
