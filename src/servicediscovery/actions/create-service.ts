import type { Action } from '../../actions/context.js';
import { createService as create } from '../../domain/cloudmap/services.js';
import type { DnsRecordConfig, HealthCheckConfig } from '../../domain/cloudmap/records.js';
import { newServiceId } from '../../domain/cloudmap/ids.js';
import { type Body, body, optEnum, optInt, optList, optObject, optString, optTags, reqEnum, reqInt, reqString } from '../support/input.js';
import { updateState } from '../support/state.js';
import { serviceWire } from '../wire/service.js';

export const createService: Action = (ctx, input) => {
  const b = body(input);
  const dns = optObject(b, 'DnsConfig');
  const custom = optObject(b, 'HealthCheckCustomConfig');
  const health = optObject(b, 'HealthCheckConfig');
  const request = {
    name: reqString(b, 'Name', 127),
    namespaceId: optString(b, 'NamespaceId', 64),
    creatorRequestId: optString(b, 'CreatorRequestId', 64),
    description: optString(b, 'Description', 1024),
    dnsConfig: dns
      ? {
          NamespaceId: optString(dns, 'NamespaceId', 64),
          RoutingPolicy: optEnum(dns, 'RoutingPolicy', ['MULTIVALUE', 'WEIGHTED'] as const),
          DnsRecords: dnsRecords(dns),
        }
      : undefined,
    healthCheckConfig: health ? healthCheckConfig(health) : undefined,
    healthCheckCustomConfig: custom ? { FailureThreshold: optInt(custom, 'FailureThreshold', 1, 10) } : undefined,
    tags: optTags(b),
    type: optEnum(b, 'Type', ['HTTP'] as const),
  };
  const serviceId = newServiceId(ctx.deps.ids);
  return updateState(ctx, (s) => ({ Service: serviceWire(s, ctx.scope, create(s, ctx.scope, request, serviceId, ctx.deps.clock.now())) }));
};

export function dnsRecords(dns: Body): DnsRecordConfig[] {
  return (optList(dns, 'DnsRecords') ?? []).map((raw) => {
    const r = body(raw);
    return { Type: reqEnum(r, 'Type', ['A', 'AAAA', 'CNAME', 'SRV'] as const), TTL: reqInt(r, 'TTL', 0, 2147483647) };
  });
}

export function healthCheckConfig(h: Body): HealthCheckConfig {
  const resourcePath = optString(h, 'ResourcePath', 255);
  const failureThreshold = optInt(h, 'FailureThreshold', 1, 10);
  return {
    Type: reqEnum(h, 'Type', ['HTTP', 'HTTPS', 'TCP'] as const),
    ...(resourcePath !== undefined ? { ResourcePath: resourcePath } : {}),
    ...(failureThreshold !== undefined ? { FailureThreshold: failureThreshold } : {}),
  };
}
