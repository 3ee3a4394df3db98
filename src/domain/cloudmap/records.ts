// What Cloud Map keeps per account and region: namespaces, services, instances and the operations that changed
// them. Times are epoch milliseconds. Tags live on the records (Cloud Map's own rules, not ECS's).

export type NamespaceType = 'DNS_PRIVATE' | 'DNS_PUBLIC' | 'HTTP';
export type ServiceType = 'DNS' | 'DNS_HTTP' | 'HTTP';
export type DnsRecordType = 'A' | 'AAAA' | 'CNAME' | 'SRV';
export type RoutingPolicy = 'MULTIVALUE' | 'WEIGHTED';
export type HealthStatus = 'HEALTHY' | 'UNHEALTHY' | 'UNKNOWN';
export type OperationType =
  | 'CREATE_NAMESPACE'
  | 'DELETE_NAMESPACE'
  | 'UPDATE_NAMESPACE'
  | 'UPDATE_SERVICE'
  | 'REGISTER_INSTANCE'
  | 'DEREGISTER_INSTANCE';
export type OperationTargetType = 'NAMESPACE' | 'SERVICE' | 'INSTANCE';

export interface CloudMapTag {
  Key: string;
  Value: string;
}

export interface NamespaceRecord {
  id: string;
  arn: string;
  name: string;
  type: NamespaceType;
  description?: string;
  /** DNS namespaces: the VPC (private) and the hosted zone Cloud Map made for it. */
  vpc?: string;
  hostedZoneId?: string;
  /** DNS namespaces: the SOA record's TTL in seconds. */
  soaTtl?: number;
  createdAt: number;
  creatorRequestId?: string;
  tags: CloudMapTag[];
}

export interface DnsRecordConfig {
  Type: DnsRecordType;
  TTL: number;
}

export interface HealthCheckConfig {
  Type: 'HTTP' | 'HTTPS' | 'TCP';
  ResourcePath?: string;
  FailureThreshold?: number;
}

export interface ServiceRecord {
  id: string;
  arn: string;
  name: string;
  namespaceId: string;
  type: ServiceType;
  description?: string;
  dnsConfig?: { routingPolicy: RoutingPolicy; dnsRecords: DnsRecordConfig[] };
  healthCheckConfig?: HealthCheckConfig;
  /** Present when the service uses custom health checks (ECS sets it). */
  healthCheckCustomConfig?: { FailureThreshold?: number };
  createdAt: number;
  creatorRequestId?: string;
  tags: CloudMapTag[];
  /** ServiceAttributes (GetServiceAttributes / UpdateServiceAttributes). */
  attributes: Record<string, string>;
  /** Grows with every change of the service's instances (DiscoverInstancesRevision). */
  instancesRevision: number;
}

export interface InstanceRecord {
  serviceId: string;
  id: string;
  attributes: Record<string, string>;
  creatorRequestId?: string;
  createdAt: number;
  /** Custom health status; only for services with HealthCheckCustomConfig. */
  customHealth?: 'HEALTHY' | 'UNHEALTHY';
}

export interface OperationRecord {
  id: string;
  type: OperationType;
  targets: Partial<Record<OperationTargetType, string>>;
  createdAt: number;
  /** When the operation reports SUCCESS (it is SUBMITTED until then). */
  completesAt: number;
  /** The request that started it (CreatorRequestId / UpdaterRequestId), for idempotent retries. */
  requestId?: string;
}

/** The collections Cloud Map adds to a region's state. */
export interface CloudMapState {
  /** By namespace id. */
  cloudMapNamespaces: Record<string, NamespaceRecord>;
  /** By service id. */
  cloudMapServices: Record<string, ServiceRecord>;
  /** By `<serviceId>/<instanceId>`. */
  cloudMapInstances: Record<string, InstanceRecord>;
  /** By operation id. */
  cloudMapOperations: Record<string, OperationRecord>;
}

export const instanceKey = (serviceId: string, instanceId: string) => `${serviceId}/${instanceId}`;
