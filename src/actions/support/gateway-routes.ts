// Services connecting to gateways, in the emulator's ELBv2 and EC2 state. The first route of a gateway creates its
// load balancer (with a security group and an HTTP listener); each route adds a target group, a host-header listener
// rule for the route's host name, and an ingress rule on the service's security group from the load balancer's
// group. Removing a route removes those; the gateway's last route takes the load balancer and its group with it.
import { ec2Arn, gatewayRouteArn } from '../../domain/arn.js';
import type { ServiceRecord } from '../../domain/ecs-service.js';
import { endpointHostOf } from '../../domain/express-gateway.js';
import type { GatewayRecord } from '../../domain/gateway.js';
import {
  compatibleGateways,
  type GatewayConnectorRecord,
  type GatewayPlacement,
  type GatewayRouteRecord,
  gatewayInfrastructureTags,
  namedPort,
  routeHealthCheck,
} from '../../domain/gateway-route.js';
import type { Ids } from '../../domain/ports.js';
import type { Scope } from '../../domain/scope.js';
import type { TaskDefinitionRecord } from '../../domain/task-definition.js';
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

/** The port the gateway's listener serves: its own for HTTP; 80 for HTTPS (no TLS here, as for Express Mode). */
export const gatewayListenerPort = (g: GatewayRecord) => (g.hostSharedAlb.protocol === 'HTTP' ? (g.hostSharedAlb.port ?? 80) : 80);

export interface ConnectRequest {
  scope: Scope;
  ids: Ids;
  now: number;
  svc: ServiceRecord;
  connector: GatewayConnectorRecord | undefined;
  td: TaskDefinitionRecord | undefined;
}

export const routesOf = (state: Readonly<RegionState>, pick: (r: GatewayRouteRecord) => boolean) =>
  Object.values(state.gatewayRoutes ?? {}).filter(pick);

/** The subnets of the gateway's load balancers: those configured, else the default VPC's. */
function placementOf(state: RegionState, g: GatewayRecord): GatewayPlacement | undefined {
  const configured = g.hostSharedAlb.networkConfiguration?.subnets ?? [];
  const defaultVpc = Object.values(state.vpcs).find((v) => v.isDefault);
  const subnets = configured.length
    ? configured.map((id) => state.subnets[id]).filter((s) => s !== undefined)
    : Object.values(state.subnets).filter((s) => s.vpcId === defaultVpc?.vpcId);
  const vpcId = subnets[0]?.vpcId;
  if (!vpcId) return undefined;
  return { gateway: g, vpcId, zones: [...new Set(subnets.map((s) => s.availabilityZone))] };
}

/**
 * Brings the service's routes in line with its connector: routes to every compatible gateway of its cluster
 * (creating what they need), none without a connector. Throws AWS's errors when no gateway fits. Returns whether
 * anything changed in the ELBv2 state.
 */
export function connectService(state: RegionState, req: ConnectRequest): boolean {
  state.gatewayRoutes ??= {};
  const { svc, connector } = req;
  const existing = routesOf(state, (r) => r.serviceArn === svc.serviceArn);
  if (!connector || !req.td) {
    removeRoutes(state, existing);
    return existing.length > 0;
  }
  const port = namedPort(req.td.containerDefinitions, req.td.networkMode, connector.portName);
  const placements = Object.values(state.gateways ?? {})
    .filter((g) => g.clusters[svc.clusterArn] === 'ACTIVE')
    .flatMap((g) => placementOf(state, g) ?? []);
  const serviceSubnets = svc.networkConfiguration.subnets.map((id) => state.subnets[id]).filter((s) => s !== undefined);
  const gateways = compatibleGateways(
    svc.clusterName,
    placements,
    { vpcId: serviceSubnets[0]?.vpcId ?? '', zones: [...new Set(serviceSubnets.map((s) => s.availabilityZone))] },
    connector,
  );
  const keep = new Set(gateways.map((g) => g.gatewayArn));
  removeRoutes(
    state,
    existing.filter((r) => !keep.has(r.gatewayArn)),
  );
  for (const g of gateways) {
    const route = existing.find((r) => r.gatewayArn === g.gatewayArn);
    if (route) updateRoute(state, route, connector, port);
    else createRoute(state, req, g, connector, port);
  }
  return true;
}

function createRoute(
  state: RegionState,
  req: ConnectRequest,
  g: GatewayRecord,
  connector: GatewayConnectorRecord,
  port: { containerName: string; containerPort: number },
): void {
  const placement = placementOf(state, g)!;
  const c: ManagedContext = {
    scope: req.scope,
    ids: req.ids,
    now: req.now,
    vpcId: placement.vpcId,
    tags: gatewayInfrastructureTags(g, state.tags[g.gatewayArn] ?? []),
  };
  const alb = g.albs?.[0] ?? createGatewayAlb(state, c, g);
  const targetGroupArn = newManagedTargetGroup(
    state,
    c,
    `ecs-gateway-tg-${hexOf(req.ids, 12)}`,
    port.containerPort,
    routeHealthCheck(connector.healthCheck),
  );
  const hostname = endpointHostOf(req.svc.serviceName, req.ids.hex32(), req.scope.region);
  const listenerRuleArn = newHostRule(state, c, alb.listenerArn, hostname, targetGroupArn);
  const serviceSecurityGroupId =
    req.svc.networkConfiguration.securityGroups[0] ??
    Object.values(state.securityGroups).find((s) => s.vpcId === placement.vpcId && s.groupName === 'default')!.groupId;
  const serviceIngressRuleId = newRuleId(req.ids);
  state.securityGroups[serviceSecurityGroupId]?.ingress.push({
    ruleId: serviceIngressRuleId,
    ipProtocol: 'tcp',
    fromPort: port.containerPort,
    toPort: port.containerPort,
    groupId: alb.securityGroupId,
  });
  const arn = gatewayRouteArn(req.scope, g.name, req.ids.hex32());
  state.gatewayRoutes[arn] = {
    gatewayRouteArn: arn,
    gatewayArn: g.gatewayArn,
    gatewayName: g.name,
    clusterArn: req.svc.clusterArn,
    serviceArn: req.svc.serviceArn,
    serviceKey: `${req.svc.clusterName}/${req.svc.serviceName}`,
    portName: connector.portName,
    ...port,
    status: 'ACTIVE',
    hostname,
    loadBalancerArn: alb.loadBalancerArn,
    listenerArn: alb.listenerArn,
    targetGroupArn,
    listenerRuleArn,
    serviceSecurityGroupId,
    serviceIngressRuleId,
    createdAt: req.now,
  };
}

/** A new revision of the service: the route follows its port and the connector's health check. */
function updateRoute(
  state: RegionState,
  route: GatewayRouteRecord,
  connector: GatewayConnectorRecord,
  port: { containerName: string; containerPort: number },
): void {
  route.portName = connector.portName;
  route.containerName = port.containerName;
  route.containerPort = port.containerPort;
  const tg = state.targetGroups[route.targetGroupArn];
  if (tg) {
    tg.port = port.containerPort;
    tg.healthCheck = { ...tg.healthCheck, ...routeHealthCheck(connector.healthCheck) };
  }
  const rule = state.securityGroups[route.serviceSecurityGroupId]?.ingress.find((r) => r.ruleId === route.serviceIngressRuleId);
  if (rule) {
    rule.fromPort = port.containerPort;
    rule.toPort = port.containerPort;
  }
}

function createGatewayAlb(state: RegionState, c: ManagedContext, g: GatewayRecord) {
  const cfg = g.hostSharedAlb;
  const listenerPort = gatewayListenerPort(g);
  const group = newManagedGroup(state, c, 'ecs-gateway-alb', `ECS gateway ${g.name}: load balancer`);
  const inbound = cfg.networkConfiguration?.inboundSecurityGroup;
  const ruleIds: string[] = [];
  if (!inbound) {
    const source = cfg.scheme === 'internal' ? (state.vpcs[c.vpcId]?.cidrBlock ?? '0.0.0.0/0') : '0.0.0.0/0';
    const ruleId = newRuleId(c.ids);
    state.securityGroups[group]!.ingress.push({
      ruleId,
      ipProtocol: 'tcp',
      fromPort: listenerPort,
      toPort: listenerPort,
      cidrIpv4: source,
    });
    ruleIds.push(ruleId);
  }
  const { loadBalancerArn, listenerArn } = newManagedLoadBalancer(state, c, {
    name: `ecs-gateway-alb-${hexOf(c.ids, 8)}`,
    scheme: cfg.scheme === 'internal' ? 'internal' : 'internet-facing',
    zones: subnetsByZone(state, c.vpcId, cfg.networkConfiguration?.subnets),
    securityGroups: loadBalancerGroups(inbound, group),
    listenerPort,
    attributes: {
      'deletion_protection.enabled': String(g.deletionProtection),
      ...(cfg.httpDesync ? { 'routing.http.desync_mitigation_mode': cfg.httpDesync } : {}),
    },
  });
  const alb = { loadBalancerArn, listenerArn, securityGroupId: group, securityGroupRuleIds: ruleIds };
  g.albs = [alb];
  return alb;
}

/**
 * A new inbound security group (UpdateGateway) on the load balancer the gateway already has, as if given from the
 * start: it stands beside the gateway's own group on the load balancer, and the rule that opened the gateway's group
 * to every address goes.
 */
export function applyInboundGroup(state: RegionState, g: GatewayRecord): void {
  const inbound = g.hostSharedAlb.networkConfiguration?.inboundSecurityGroup;
  if (!inbound) return;
  for (const alb of g.albs ?? []) {
    const lb = state.loadBalancers[alb.loadBalancerArn];
    if (lb) lb.securityGroups = loadBalancerGroups(inbound, alb.securityGroupId);
    const group = state.securityGroups[alb.securityGroupId];
    if (group) group.ingress = group.ingress.filter((rule) => !alb.securityGroupRuleIds.includes(rule.ruleId));
    alb.securityGroupRuleIds = [];
  }
}

/** The groups on a gateway's load balancer: the inbound group the gateway was given, if any, then its own. */
function loadBalancerGroups(inbound: string | undefined, own: string): string[] {
  return inbound ? [inbound, own] : [own];
}

/** Removes the routes and what they created; a gateway left with no route loses its load balancer. */
export function removeRoutes(state: RegionState, routes: readonly GatewayRouteRecord[]): void {
  const touched = new Set<string>();
  for (const r of routes) {
    delete state.listenerRules[r.listenerRuleArn];
    delete state.tags[r.listenerRuleArn];
    delete state.targetGroups[r.targetGroupArn];
    delete state.tags[r.targetGroupArn];
    const sg = state.securityGroups[r.serviceSecurityGroupId];
    if (sg) sg.ingress = sg.ingress.filter((rule) => rule.ruleId !== r.serviceIngressRuleId);
    delete state.gatewayRoutes[r.gatewayRouteArn];
    touched.add(r.gatewayName);
  }
  for (const name of touched) {
    const g = state.gateways[name];
    if (!g || routesOf(state, (r) => r.gatewayArn === g.gatewayArn).length > 0) continue;
    for (const alb of g.albs ?? []) {
      removeManagedLoadBalancer(state, alb.loadBalancerArn);
      removeUnusedGroups(state, [alb.securityGroupId]);
    }
    g.albs = [];
  }
}

/** The routes of a gateway to the services of a cluster (DisassociateGatewayFromCluster). */
export const routesOfCluster = (state: RegionState, gatewayArn: string, clusterArn: string) =>
  routesOf(state, (r) => r.gatewayArn === gatewayArn && r.clusterArn === clusterArn);

export const routesOfService = (state: RegionState, serviceArn: string) => routesOf(state, (r) => r.serviceArn === serviceArn);

export const securityGroupArnIn = (scope: Scope) => (id: string) => ec2Arn(scope, 'security-group', id);
export const securityGroupRuleArnIn = (scope: Scope) => (id: string) => ec2Arn(scope, 'security-group-rule', id);
