// The infrastructure an Express service gets in the emulator's EC2 and ELBv2 state, and its removal.
// One Application Load Balancer per VPC serves every Express service there (AWS shares it too): it is created
// with its security group and an HTTP listener by the first service, and removed with the last one.
import { invalidParameter } from '../../domain/errors.js';
import type { ExpressManagedResources, ExpressServiceRecord } from '../../domain/express-gateway.js';
import { managedTags } from '../../domain/express-gateway.js';
import type { Ids } from '../../domain/ports.js';
import type { Scope } from '../../domain/scope.js';
import type { RegionState } from '../../store/schema.js';
import {
  hexOf,
  type ManagedContext,
  newHostRule,
  newManagedGroup,
  newManagedLoadBalancer,
  newManagedTargetGroup,
  newRuleId,
  removeManagedLoadBalancer,
  removeUnusedGroups,
  subnetsByZone,
} from './managed-alb.js';

export { removeUnusedGroups };

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
  const c: ManagedContext = { scope: req.scope, ids: req.ids, now: req.now, vpcId: req.vpcId, tags: managedTags(req.serviceArn) };
  const created: string[] = [];
  let shared = sharedLoadBalancer(state, req.vpcId);
  let ownsLoadBalancer = false;
  if (!shared) {
    const zones = subnetsByZone(state, req.vpcId);
    if (zones.size < 2)
      throw invalidParameter('The VPC must have subnets in at least two Availability Zones for the Express service load balancer.');
    const lbGroup = newManagedGroup(state, c, 'ecs-express-gateway-alb', 'Express Mode load balancer: HTTP and HTTPS from anywhere');
    state.securityGroups[lbGroup]!.ingress.push(
      ...[80, 443].map((port) => ({ ruleId: newRuleId(req.ids), ipProtocol: 'tcp', fromPort: port, toPort: port, cidrIpv4: '0.0.0.0/0' })),
    );
    created.push(lbGroup);
    const { loadBalancerArn, listenerArn } = newManagedLoadBalancer(state, c, {
      name: `ecs-express-gateway-alb-${hexOf(req.ids, 8)}`,
      scheme: 'internet-facing',
      zones,
      securityGroups: [lbGroup],
      listenerPort: EXPRESS_LISTENER_PORT,
    });
    shared = { loadBalancerArn, listenerArn, ownsLoadBalancer: true, ruleArn: '', targetGroupArn: '', createdSecurityGroupIds: [] };
    ownsLoadBalancer = true;
  }
  const lb = state.loadBalancers[shared.loadBalancerArn]!;
  let taskSecurityGroups = req.securityGroups;
  if (taskSecurityGroups.length === 0) {
    const taskGroup = newManagedGroup(
      state,
      c,
      'ecs-express-gateway-service',
      'Express Mode service tasks: the container port from the load balancer',
    );
    state.securityGroups[taskGroup]!.ingress.push({
      ruleId: newRuleId(req.ids),
      ipProtocol: 'tcp',
      fromPort: req.containerPort,
      toPort: req.containerPort,
      groupId: lb.securityGroups[0]!,
    });
    created.push(taskGroup);
    taskSecurityGroups = [taskGroup];
  }
  const targetGroupArn = newManagedTargetGroup(state, c, `ecs-express-tg-${hexOf(req.ids, 12)}`, req.containerPort, {
    path: req.healthCheckPath,
  });
  const ruleArn = newHostRule(state, c, shared.listenerArn, req.endpointHost, targetGroupArn);
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
    removeManagedLoadBalancer(state, m.loadBalancerArn);
  }
  m.createdSecurityGroupIds = [];
  return removeUnusedGroups(state, groups);
}
