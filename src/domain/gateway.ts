// ECS gateways: shared ingress (a host-shared Application Load Balancer) that services of associated clusters
// connect to. The load balancer appears when a service first connects (CreateService/UpdateService
// `gatewayConnectors`, see gateway-route.ts) and goes with the gateway's last route.
import type * as Ecs from '@aws-sdk/client-ecs';
import { invalidParameter } from './errors.js';
import type { GatewayAlbRecord } from './gateway-route.js';

export interface GatewayRecord {
  gatewayArn: string;
  name: string;
  status: 'ACTIVE' | 'UPDATE_COMPLETE';
  infrastructureRoleArn: string;
  deletionProtection: boolean;
  hostSharedAlb: Ecs.DescribeGatewayAlbConfiguration;
  propagateTags: 'GATEWAY' | 'NONE';
  /** Cluster ARN -> association status. */
  clusters: Record<string, 'ACTIVE' | 'INACTIVE'>;
  /** The load balancers it created for its routes (none before a service connects). */
  albs?: GatewayAlbRecord[];
  createdAt: number;
  updatedAt: number;
}

const NAME_RE = /^[a-zA-Z0-9_-]{1,255}$/;

export function assertValidGatewayName(name: string): void {
  if (!NAME_RE.test(name)) {
    throw invalidParameter('Gateway name must be up to 255 letters (uppercase and lowercase), numbers, underscores, and hyphens.');
  }
}

/** The ALB configuration with AWS's defaults: internet-facing, HTTPS on 443, at most 10 load balancers. */
export function hostSharedAlbOf(input: Ecs.HostSharedAlbConfiguration | undefined): Ecs.DescribeGatewayAlbConfiguration {
  if (!input) throw invalidParameter('configuration.hostSharedAlb is required.');
  const protocol = input.protocol ?? 'HTTPS';
  const port = input.port ?? (protocol === 'HTTP' ? 80 : 443);
  if (!Number.isInteger(port) || port < 1 || port > 65535) throw invalidParameter('port must be between 1 and 65535.');
  const maxAlbCount = input.maxAlbCount ?? 10;
  if (!Number.isInteger(maxAlbCount) || maxAlbCount < 1) throw invalidParameter('maxAlbCount must be at least 1.');
  return JSON.parse(
    JSON.stringify({ ...input, scheme: input.scheme ?? 'internet-facing', protocol, port, maxAlbCount }),
  ) as Ecs.DescribeGatewayAlbConfiguration;
}

export function toWireGateway(g: GatewayRecord, tags?: Ecs.Tag[]): Ecs.Gateway {
  return {
    gatewayArn: g.gatewayArn,
    name: g.name,
    status: g.status,
    infrastructureRoleArn: g.infrastructureRoleArn,
    deletionProtection: g.deletionProtection,
    configuration: {
      hostSharedAlb: {
        ...(JSON.parse(JSON.stringify(g.hostSharedAlb)) as Ecs.DescribeGatewayAlbConfiguration),
        currentAlbCount: g.albs?.length ?? 0,
      },
    },
    accessType: g.hostSharedAlb.scheme === 'internal' ? 'PRIVATE' : 'PUBLIC',
    propagateTags: g.propagateTags,
    ...(tags ? { tags } : {}),
    createdAt: new Date(g.createdAt),
    updatedAt: new Date(g.updatedAt),
  };
}
