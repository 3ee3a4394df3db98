// A namespace as GetNamespace and ListNamespaces show it.
import { serviceCountOf } from '../../domain/cloudmap/namespaces.js';
import type { CloudMapState, NamespaceRecord } from '../../domain/cloudmap/records.js';
import type { Scope } from '../../domain/scope.js';

export function namespaceSummary(state: Readonly<CloudMapState>, scope: Scope, ns: NamespaceRecord) {
  return {
    Id: ns.id,
    Arn: ns.arn,
    ResourceOwner: scope.accountId,
    Name: ns.name,
    Type: ns.type,
    Description: ns.description,
    ServiceCount: serviceCountOf(state, ns.id),
    Properties: {
      DnsProperties: ns.hostedZoneId ? { HostedZoneId: ns.hostedZoneId, SOA: { TTL: ns.soaTtl } } : {},
      HttpProperties: { HttpName: ns.name },
    },
    CreateDate: new Date(ns.createdAt),
  };
}

export function namespaceWire(state: Readonly<CloudMapState>, scope: Scope, ns: NamespaceRecord) {
  return { ...namespaceSummary(state, scope, ns), CreatorRequestId: ns.creatorRequestId };
}
