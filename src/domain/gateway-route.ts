// Gateway routes: what ECS builds when a service with a gateway connector (CreateService/UpdateService
// `gatewayConnectors`) connects to the compatible gateways associated with its cluster. Each connection is a route
// with its own host name, target group and host-header listener rule on the gateway's load balancer. Pure rules:
// which gateways a connector reaches, the connector's checks, and the wire shapes.
import type * as Ecs from '@aws-sdk/client-ecs';
import { invalidParameter } from './errors.js';
import type { HealthCheckSettings } from './elbv2/records.js';
import type { GatewayRecord } from './gateway.js';
import type { ServiceLoadBalancer } from './service-load-balancing.js';
import type { Tag } from './tags.js';

/** Routes are built in the same call that connects the service, so they are ACTIVE at once. */
export type GatewayRouteStatus = 'ACTIVE';

export interface GatewayRouteRecord {
  gatewayRouteArn: string;
  gatewayArn: string;
  gatewayName: string;
  clusterArn: string;
  serviceArn: string;
  /** `<cluster>/<service>`: the service's key in the state. */
  serviceKey: string;
  portName: string;
  containerName: string;
  containerPort: number;
  status: GatewayRouteStatus;
  hostname: string;
  loadBalancerArn: string;
  listenerArn: string;
  targetGroupArn: string;
  listenerRuleArn: string;
  /** The service's security group that got the ingress rule from the load balancer, and that rule. */
  serviceSecurityGroupId: string;
  serviceIngressRuleId: string;
  createdAt: number;
}

/** The infrastructure a gateway created when a service first connected to it. */
export interface GatewayAlbRecord {
  loadBalancerArn: string;
  listenerArn: string;
  securityGroupId: string;
  /** The rules of the load balancer's security group that the gateway created (none with an inbound group given). */
  securityGroupRuleIds: string[];
}

export interface GatewayConnectorRecord {
  portName: string;
  healthCheck?: Ecs.GatewayConnectorHealthCheck;
  accessTypes?: ('PUBLIC' | 'PRIVATE')[];
}

/** The connector of a CreateService/UpdateService request (at most one), checked. */
export function connectorOf(connectors: readonly Ecs.GatewayConnector[] | undefined): GatewayConnectorRecord | undefined {
  if (!connectors || connectors.length === 0) return undefined;
  if (connectors.length > 1) throw invalidParameter('A service can have at most one gateway connector.');
  const c = connectors[0]!;
  if (!c.portName) throw invalidParameter('gatewayConnectors[0].portName must be specified.');
  const hc = c.healthCheck;
  if (hc?.healthCheckPath !== undefined && !hc.healthCheckPath.startsWith('/'))
    throw invalidParameter('The health check path must begin with a forward slash (/).');
  if (hc?.healthCheckPort !== undefined && (hc.healthCheckPort < 1 || hc.healthCheckPort > 65535))
    throw invalidParameter('The health check port must be between 1 and 65535.');
  return JSON.parse(
    JSON.stringify({ portName: c.portName, healthCheck: hc, accessTypes: c.filters?.accessTypes }),
  ) as GatewayConnectorRecord;
}

/** The container and port of the task definition's port mapping named `portName`. */
export function namedPort(
  containers: readonly Ecs.ContainerDefinition[],
  networkMode: string | undefined,
  portName: string,
): { containerName: string; containerPort: number } {
  if (networkMode !== 'awsvpc') throw invalidParameter('gatewayConnectors can only be used with the awsvpc network mode.');
  for (const c of containers) {
    const m = c.portMappings?.find((p) => p.name === portName);
    if (m?.containerPort !== undefined) return { containerName: c.name!, containerPort: m.containerPort };
  }
  throw invalidParameter(`The gateway connector port name ${portName} does not match a named port mapping in the task definition.`);
}

/** Where a gateway's load balancers are, or would be: its VPC and Availability Zones. */
export interface GatewayPlacement {
  gateway: GatewayRecord;
  vpcId: string;
  zones: string[];
}

export const accessTypeOf = (g: GatewayRecord): 'PUBLIC' | 'PRIVATE' => (g.hostSharedAlb.scheme === 'internal' ? 'PRIVATE' : 'PUBLIC');

/**
 * The gateways the service connects to: those associated (ACTIVE) with its cluster, in its VPC, whose access type the
 * connector's filter allows, and with a subnet in every zone the service runs in. None is an error, as on AWS.
 */
export function compatibleGateways(
  clusterName: string,
  placements: readonly GatewayPlacement[],
  service: { vpcId: string; zones: readonly string[] },
  connector: GatewayConnectorRecord,
): GatewayRecord[] {
  if (placements.length === 0)
    throw invalidParameter(`gatewayConnectors were specified but no gateways are associated with cluster ${clusterName}.`);
  const inVpc = placements.filter((p) => p.vpcId === service.vpcId);
  if (inVpc.length === 0)
    throw invalidParameter(`Cluster ${clusterName} has associated gateways but none are in the service's VPC ${service.vpcId}.`);
  const allowed = connector.accessTypes?.length ? connector.accessTypes : ['PUBLIC', 'PRIVATE'];
  const byAccess = inVpc.filter((p) => allowed.includes(accessTypeOf(p.gateway)));
  if (byAccess.length === 0)
    throw invalidParameter(
      `None of the gateways associated with cluster ${clusterName} match the gateway connector's access types (${allowed.join(', ')}).`,
    );
  const covering = byAccess.filter((p) => service.zones.every((z) => p.zones.includes(z)));
  if (covering.length === 0)
    throw invalidParameter(
      `None of the gateways associated with cluster ${clusterName} cover every Availability Zone of the service's subnets.`,
    );
  return covering.map((p) => p.gateway);
}

/** The connector's health check as target group settings (ELBv2's defaults for the rest). */
export function routeHealthCheck(hc: Ecs.GatewayConnectorHealthCheck | undefined): Partial<HealthCheckSettings> {
  if (!hc) return {};
  return {
    ...(hc.healthCheckProtocol ? { protocol: hc.healthCheckProtocol } : {}),
    ...(hc.healthCheckPort !== undefined ? { port: String(hc.healthCheckPort) } : {}),
    ...(hc.healthCheckPath !== undefined ? { path: hc.healthCheckPath } : {}),
    ...(hc.healthCheckIntervalSeconds !== undefined ? { intervalSeconds: hc.healthCheckIntervalSeconds } : {}),
    ...(hc.healthCheckTimeoutSeconds !== undefined ? { timeoutSeconds: hc.healthCheckTimeoutSeconds } : {}),
    ...(hc.healthyThresholdCount !== undefined ? { healthyThresholdCount: hc.healthyThresholdCount } : {}),
    ...(hc.unhealthyThresholdCount !== undefined ? { unhealthyThresholdCount: hc.unhealthyThresholdCount } : {}),
    ...(hc.matcher?.httpCode ? { matcher: hc.matcher.httpCode } : {}),
  };
}

/** Tags of what a gateway creates: ECS's managed tag, and the gateway's own tags when it propagates them. */
export function gatewayInfrastructureTags(g: GatewayRecord, gatewayTags: readonly Tag[]): Tag[] {
  return [{ key: 'AmazonECSManaged', value: 'true' }, ...(g.propagateTags === 'GATEWAY' ? gatewayTags.map((t) => ({ ...t })) : [])];
}

/** The target groups a service's tasks register in through its ACTIVE gateway routes. */
export function gatewayLoadBalancers(
  routes: Readonly<Record<string, GatewayRouteRecord>> | undefined,
  serviceArn: string,
): ServiceLoadBalancer[] {
  return Object.values(routes ?? {})
    .filter((r) => r.serviceArn === serviceArn && r.status === 'ACTIVE')
    .map((r) => ({ targetGroupArn: r.targetGroupArn, containerName: r.containerName, containerPort: r.containerPort }));
}

export const serviceUrlOf = (r: GatewayRouteRecord) => `https://${r.hostname}`;

export function toWireGatewayRoute(
  r: GatewayRouteRecord,
  alb: GatewayAlbRecord | undefined,
  securityGroupArn: (id: string) => string,
  ruleArn: (id: string) => string,
): Ecs.GatewayRoute {
  return {
    gatewayRouteArn: r.gatewayRouteArn,
    serviceArn: r.serviceArn,
    serviceContainerPortName: r.portName,
    status: r.status,
    serviceUrl: serviceUrlOf(r),
    resources: {
      hostSharedAlb: [
        {
          loadBalancerArn: r.loadBalancerArn,
          listenerArn: r.listenerArn,
          listenerRuleArn: r.listenerRuleArn,
          testListenerRuleArns: [],
          loadBalancerSecurityGroups: alb
            ? [{ arn: securityGroupArn(alb.securityGroupId), ruleArns: alb.securityGroupRuleIds.map(ruleArn) }]
            : [],
          serviceSecurityGroupArn: securityGroupArn(r.serviceSecurityGroupId),
        },
      ],
    },
  };
}

export function toWireGatewayRouteSummary(r: GatewayRouteRecord): Ecs.GatewayRouteSummary {
  return {
    gatewayRouteArn: r.gatewayRouteArn,
    gatewayArn: r.gatewayArn,
    clusterArn: r.clusterArn,
    serviceArn: r.serviceArn,
    serviceContainerPortName: r.portName,
    status: r.status,
  };
}

export function toWireGatewayConnector(c: GatewayConnectorRecord): Ecs.GatewayConnector {
  return JSON.parse(
    JSON.stringify({
      portName: c.portName,
      healthCheck: c.healthCheck,
      ...(c.accessTypes ? { filters: { accessTypes: c.accessTypes } } : {}),
    }),
  ) as Ecs.GatewayConnector;
}

/** A route as a service revision's gateway connection (`ecsManagedResources.gatewayConnections`). */
export function toWireGatewayConnection(
  r: GatewayRouteRecord,
  g: GatewayRecord | undefined,
  securityGroupArn: (id: string) => string,
): Ecs.GatewayConnection {
  const alb = g?.albs?.find((a) => a.loadBalancerArn === r.loadBalancerArn);
  return {
    gatewayArn: r.gatewayArn,
    gatewayRouteArn: r.gatewayRouteArn,
    portName: r.portName,
    serviceUrl: serviceUrlOf(r),
    ...(g ? { accessType: accessTypeOf(g) } : {}),
    status: r.status,
    resources: {
      hostSharedAlb: [
        {
          loadBalancerArn: r.loadBalancerArn,
          loadBalancerSecurityGroupArns: alb ? [securityGroupArn(alb.securityGroupId)] : [],
          listenerArn: r.listenerArn,
          listenerRuleArn: r.listenerRuleArn,
          targetGroupArn: r.targetGroupArn,
        },
      ],
    },
  };
}
