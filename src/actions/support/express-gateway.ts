// The infrastructure an Express service gets in the emulator's EC2 and ELBv2 state, and its removal.
// One Application Load Balancer per VPC serves every Express service there (AWS shares it too): it is created
// with its security group and an HTTP listener by the first service, and removed with the last one.
import { elbListenerArn, elbListenerRuleArn, elbLoadBalancerArn, elbTargetGroupArn } from '../../domain/arn.js';
import {
  canonicalHostedZoneId,
  DEFAULT_HEALTH_CHECK,
  LOAD_BALANCER_ATTRIBUTE_DEFAULTS,
  loadBalancerDnsName,
  TARGET_GROUP_ATTRIBUTE_DEFAULTS,
} from '../../domain/elbv2/defaults.js';
import { invalidParameter } from '../../domain/errors.js';
import type { ExpressManagedResources, ExpressServiceRecord } from '../../domain/express-gateway.js';
import { managedTags } from '../../domain/express-gateway.js';
import type { Ids } from '../../domain/ports.js';
import type { Scope } from '../../domain/scope.js';
import { newSecurityGroup } from '../../domain/network/vpc.js';
import type { RegionState } from '../../store/schema.js';

/** The port the shared load balancer listens on (AWS: HTTPS 443 with an ACM certificate; no TLS here). */
export const EXPRESS_LISTENER_PORT = 80;

interface InfrastructureRequest {
  scope: Scope;
  ids: Ids;
  now: number;
  serviceArn: string;
  vpcId: string;
  containerPort: number;
  healthCheckPath: string;
  endpointHost: string;
  /** Task security groups given by the caller; when empty, one is created. */
  securityGroups: string[];
}

const hex = (ids: Ids, n: number) => ids.hex32().slice(0, n);

function newGroup(state: RegionState, req: InfrastructureRequest, name: string, description: string): string {
  const groupId = `sg-${hex(req.ids, 17)}`;
  state.securityGroups[groupId] = newSecurityGroup({
    groupId,
    groupName: `${name}-${hex(req.ids, 8)}`,
    description,
    vpcId: req.vpcId,
    tags: managedTags(req.serviceArn),
    createdAt: req.now,
  });
  return groupId;
}

/** The Express load balancer of the VPC, if an ACTIVE Express service already has one there. */
function sharedLoadBalancer(state: RegionState, vpcId: string): ExpressManagedResources | undefined {
  return Object.values(state.expressServices ?? {}).find(
    (s) => s.status === 'ACTIVE' && state.loadBalancers[s.managed.loadBalancerArn]?.vpcId === vpcId,
  )?.managed;
}

/** Creates what the service needs; returns the records' ARNs and the task security groups. */
export function createExpressInfrastructure(
  state: RegionState,
  req: InfrastructureRequest,
): { managed: ExpressManagedResources; taskSecurityGroups: string[] } {
  const tags = managedTags(req.serviceArn);
  const created: string[] = [];
  let shared = sharedLoadBalancer(state, req.vpcId);
  let ownsLoadBalancer = false;
  if (!shared) {
    const zones = new Map<string, string>();
    for (const s of Object.values(state.subnets))
      if (s.vpcId === req.vpcId && !zones.has(s.availabilityZone)) zones.set(s.availabilityZone, s.subnetId);
    if (zones.size < 2)
      throw invalidParameter('The VPC must have subnets in at least two Availability Zones for the Express service load balancer.');
    const lbGroup = newGroup(state, req, 'ecs-express-gateway-alb', 'Express Mode load balancer: HTTP and HTTPS from anywhere');
    state.securityGroups[lbGroup]!.ingress.push(
      ...[80, 443].map((port) => ({
        ruleId: `sgr-${hex(req.ids, 17)}`,
        ipProtocol: 'tcp',
        fromPort: port,
        toPort: port,
        cidrIpv4: '0.0.0.0/0',
      })),
    );
    created.push(lbGroup);
    const name = `ecs-express-gateway-alb-${hex(req.ids, 8)}`;
    const loadBalancerArn = elbLoadBalancerArn(req.scope, name, hex(req.ids, 16));
    const digits = (BigInt(`0x${hex(req.ids, 15)}`) % 10_000_000_000n).toString().padStart(10, '0');
    state.loadBalancers[loadBalancerArn] = {
      loadBalancerArn,
      loadBalancerName: name,
      dnsName: loadBalancerDnsName(name, 'internet-facing', req.scope.region, digits),
      canonicalHostedZoneId: canonicalHostedZoneId(req.scope.region),
      createdAt: req.now,
      scheme: 'internet-facing',
      vpcId: req.vpcId,
      state: 'active',
      type: 'application',
      ipAddressType: 'ipv4',
      availabilityZones: [...zones].map(([zoneName, subnetId]) => ({ zoneName, subnetId })),
      securityGroups: [lbGroup],
      attributes: { ...LOAD_BALANCER_ATTRIBUTE_DEFAULTS },
    };
    const listenerArn = elbListenerArn(loadBalancerArn, hex(req.ids, 16));
    state.listeners[listenerArn] = {
      listenerArn,
      loadBalancerArn,
      port: EXPRESS_LISTENER_PORT,
      protocol: 'HTTP',
      defaultActions: [
        { type: 'fixed-response', fixedResponse: { statusCode: '404', contentType: 'text/plain', messageBody: 'Not Found' } },
      ],
      defaultRuleArn: elbListenerRuleArn(listenerArn, hex(req.ids, 16)),
      createdAt: req.now,
    };
    state.tags[loadBalancerArn] = tags;
    state.tags[listenerArn] = tags;
    shared = { loadBalancerArn, listenerArn, ownsLoadBalancer: true, ruleArn: '', targetGroupArn: '', createdSecurityGroupIds: [] };
    ownsLoadBalancer = true;
  }
  const lb = state.loadBalancers[shared.loadBalancerArn]!;
  let taskSecurityGroups = req.securityGroups;
  if (taskSecurityGroups.length === 0) {
    const taskGroup = newGroup(
      state,
      req,
      'ecs-express-gateway-service',
      'Express Mode service tasks: the container port from the load balancer',
    );
    state.securityGroups[taskGroup]!.ingress.push({
      ruleId: `sgr-${hex(req.ids, 17)}`,
      ipProtocol: 'tcp',
      fromPort: req.containerPort,
      toPort: req.containerPort,
      groupId: lb.securityGroups[0]!,
    });
    created.push(taskGroup);
    taskSecurityGroups = [taskGroup];
  }
  const tgName = `ecs-express-tg-${hex(req.ids, 12)}`;
  const targetGroupArn = elbTargetGroupArn(req.scope, tgName, hex(req.ids, 16));
  state.targetGroups[targetGroupArn] = {
    targetGroupArn,
    targetGroupName: tgName,
    protocol: 'HTTP',
    protocolVersion: 'HTTP1',
    port: req.containerPort,
    vpcId: req.vpcId,
    targetType: 'ip',
    ipAddressType: 'ipv4',
    healthCheck: { ...DEFAULT_HEALTH_CHECK, path: req.healthCheckPath },
    attributes: { ...TARGET_GROUP_ATTRIBUTE_DEFAULTS },
    createdAt: req.now,
    targets: [],
  };
  const ruleArn = elbListenerRuleArn(shared.listenerArn, hex(req.ids, 16));
  const used = new Set(
    Object.values(state.listenerRules)
      .filter((r) => r.listenerArn === shared.listenerArn)
      .map((r) => r.priority),
  );
  let priority = 1;
  while (used.has(priority)) priority += 1;
  state.listenerRules[ruleArn] = {
    ruleArn,
    listenerArn: shared.listenerArn,
    priority,
    conditions: [{ field: 'host-header', values: [req.endpointHost] }],
    actions: [
      { type: 'forward', forward: { targetGroups: [{ targetGroupArn, weight: 1 }], stickiness: { enabled: false }, single: true } },
    ],
    createdAt: req.now,
  };
  state.tags[targetGroupArn] = tags;
  state.tags[ruleArn] = tags;
  return {
    managed: {
      loadBalancerArn: shared.loadBalancerArn,
      listenerArn: shared.listenerArn,
      ownsLoadBalancer,
      ruleArn,
      targetGroupArn,
      createdSecurityGroupIds: created,
    },
    taskSecurityGroups,
  };
}

/**
 * Removes the service's rule and target group, and the load balancer with its listener when no other ACTIVE
 * Express service uses it (else the next one takes it over). Security groups go once no network interface uses
 * them; returns those still in use (tasks still stopping), to be removed later.
 */
export function removeExpressInfrastructure(state: RegionState, record: ExpressServiceRecord): string[] {
  const m = record.managed;
  delete state.listenerRules[m.ruleArn];
  delete state.targetGroups[m.targetGroupArn];
  delete state.tags[m.ruleArn];
  delete state.tags[m.targetGroupArn];
  const heir = Object.values(state.expressServices ?? {}).find(
    (s) => s !== record && s.status === 'ACTIVE' && s.managed.loadBalancerArn === m.loadBalancerArn,
  );
  let groups = m.createdSecurityGroupIds;
  if (m.ownsLoadBalancer && heir) {
    // The load balancer's security group stays with it.
    const lbGroups = state.loadBalancers[m.loadBalancerArn]?.securityGroups ?? [];
    heir.managed.ownsLoadBalancer = true;
    heir.managed.createdSecurityGroupIds.push(...groups.filter((g) => lbGroups.includes(g)));
    groups = groups.filter((g) => !lbGroups.includes(g));
  } else if (!heir) {
    for (const rule of Object.values(state.listenerRules)) if (rule.listenerArn === m.listenerArn) delete state.listenerRules[rule.ruleArn];
    delete state.listeners[m.listenerArn];
    delete state.loadBalancers[m.loadBalancerArn];
    delete state.tags[m.listenerArn];
    delete state.tags[m.loadBalancerArn];
  }
  m.createdSecurityGroupIds = [];
  return removeUnusedGroups(state, groups);
}

/** Deletes the groups no network interface uses; returns the others. */
export function removeUnusedGroups(state: RegionState, groupIds: readonly string[]): string[] {
  const inUse = (g: string) => Object.values(state.networkInterfaces).some((eni) => eni.groups.includes(g));
  const left = groupIds.filter(inUse);
  for (const g of groupIds) if (!left.includes(g)) delete state.securityGroups[g];
  return left;
}
