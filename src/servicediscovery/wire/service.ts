// A service as GetService, CreateService and ListServices show it.
import type { CloudMapState, ServiceRecord } from '../../domain/cloudmap/records.js';
import type { Scope } from '../../domain/scope.js';

export function serviceSummary(state: Readonly<CloudMapState>, scope: Scope, s: ServiceRecord) {
  return {
    Id: s.id,
    Arn: s.arn,
    ResourceOwner: scope.accountId,
    Name: s.name,
    Type: s.type,
    Description: s.description,
    InstanceCount: Object.values(state.cloudMapInstances).filter((i) => i.serviceId === s.id).length,
    DnsConfig: s.dnsConfig
      ? {
          NamespaceId: s.namespaceId,
          RoutingPolicy: s.dnsConfig.routingPolicy,
          DnsRecords: s.dnsConfig.dnsRecords.map((r) => ({ Type: r.Type, TTL: r.TTL })),
        }
      : undefined,
    HealthCheckConfig: s.healthCheckConfig,
    HealthCheckCustomConfig: s.healthCheckCustomConfig,
    CreateDate: new Date(s.createdAt),
    CreatedByAccount: scope.accountId,
  };
}

export function serviceWire(state: Readonly<CloudMapState>, scope: Scope, s: ServiceRecord) {
  return { ...serviceSummary(state, scope, s), NamespaceId: s.namespaceId, CreatorRequestId: s.creatorRequestId };
}
