// Cloud Map services: a name inside a namespace, with the DNS records its instances get (DNS namespaces) and how
// their health is decided (Route 53 health checks for public DNS namespaces, or custom health as ECS uses it).
import { cloudMapServiceArn } from '../arn.js';
import type { Scope } from '../scope.js';
import { invalidInput, resourceInUse, serviceAlreadyExists, serviceNotFound } from './errors.js';
import { namespaceById } from './namespaces.js';
import { recordOperation } from './operations.js';
import type {
  CloudMapState,
  CloudMapTag,
  DnsRecordConfig,
  HealthCheckConfig,
  NamespaceRecord,
  RoutingPolicy,
  ServiceRecord,
} from './records.js';
import { checkTags } from './tags.js';

export interface NewService {
  name: string;
  namespaceId?: string;
  creatorRequestId?: string;
  description?: string;
  dnsConfig?: { NamespaceId?: string; RoutingPolicy?: RoutingPolicy; DnsRecords?: DnsRecordConfig[] };
  healthCheckConfig?: HealthCheckConfig;
  healthCheckCustomConfig?: { FailureThreshold?: number };
  tags?: CloudMapTag[];
  /** `HTTP`: a service without DNS records in a DNS namespace. */
  type?: 'HTTP';
}

const RECORD_TYPES = ['A', 'AAAA', 'CNAME', 'SRV'];
const SERVICE_NAME =
  /^((?=^.{1,127}$)^([a-zA-Z0-9_][a-zA-Z0-9-_]{0,61}[a-zA-Z0-9_]|[a-zA-Z0-9])(\.([a-zA-Z0-9_][a-zA-Z0-9-_]{0,61}[a-zA-Z0-9_]|[a-zA-Z0-9]))*$)$/;

export function createService(state: CloudMapState, scope: Scope, input: NewService, serviceId: string, now: number): ServiceRecord {
  const namespaceId = input.namespaceId ?? input.dnsConfig?.NamespaceId;
  if (!namespaceId) throw invalidInput('NamespaceId is required');
  const ns = namespaceById(state, namespaceId);
  if (!SERVICE_NAME.test(input.name)) throw invalidInput(`Service name is not valid: ${input.name}`);
  const existing = Object.values(state.cloudMapServices).find(
    (s) => s.namespaceId === ns.id && s.name.toLowerCase() === input.name.toLowerCase(),
  );
  if (existing) {
    if (input.creatorRequestId !== undefined && existing.creatorRequestId === input.creatorRequestId) return existing;
    throw serviceAlreadyExists(input.name, existing.id, existing.arn, existing.creatorRequestId);
  }
  if (input.healthCheckConfig && input.healthCheckCustomConfig) {
    throw invalidInput('HealthCheckConfig and HealthCheckCustomConfig cannot both be specified');
  }
  if (input.healthCheckConfig && ns.type !== 'DNS_PUBLIC') {
    throw invalidInput('HealthCheckConfig can only be used with services in a public DNS namespace');
  }
  if (input.healthCheckConfig) checkHealthCheckConfig(input.healthCheckConfig);
  const threshold = input.healthCheckCustomConfig?.FailureThreshold;
  if (threshold !== undefined && (!Number.isInteger(threshold) || threshold < 1 || threshold > 10)) {
    throw invalidInput('FailureThreshold must be between 1 and 10');
  }
  const dnsConfig = input.type === 'HTTP' ? undefined : dnsConfigFor(ns, input.dnsConfig);
  if (input.type === 'HTTP' && input.dnsConfig) throw invalidInput('DnsConfig cannot be specified for a service of type HTTP');
  if (input.description !== undefined && input.description.length > 1024) {
    throw invalidInput('Description must be at most 1024 characters long');
  }
  const arn = cloudMapServiceArn(scope, serviceId);
  const record: ServiceRecord = {
    id: serviceId,
    arn,
    name: input.name,
    namespaceId: ns.id,
    type: dnsConfig ? 'DNS_HTTP' : 'HTTP',
    ...(input.description !== undefined ? { description: input.description } : {}),
    ...(dnsConfig ? { dnsConfig } : {}),
    ...(input.healthCheckConfig ? { healthCheckConfig: { ...input.healthCheckConfig } } : {}),
    ...(input.healthCheckCustomConfig ? { healthCheckCustomConfig: { FailureThreshold: threshold ?? 1 } } : {}),
    createdAt: now,
    ...(input.creatorRequestId !== undefined ? { creatorRequestId: input.creatorRequestId } : {}),
    tags: checkTags(input.tags, arn),
    attributes: {},
    instancesRevision: 1,
  };
  state.cloudMapServices[serviceId] = record;
  return record;
}

function dnsConfigFor(ns: NamespaceRecord, config: NewService['dnsConfig']): ServiceRecord['dnsConfig'] {
  if (ns.type === 'HTTP') {
    if (config) throw invalidInput('DnsConfig cannot be specified for a service in an HTTP namespace');
    return undefined;
  }
  if (!config) return undefined;
  if (config.NamespaceId !== undefined && config.NamespaceId !== ns.id) {
    throw invalidInput('DnsConfig.NamespaceId does not match NamespaceId');
  }
  const routingPolicy = config.RoutingPolicy ?? 'MULTIVALUE';
  const records = checkDnsRecords(config.DnsRecords);
  if (routingPolicy === 'MULTIVALUE' && records.some((r) => r.Type === 'CNAME')) {
    throw invalidInput('A CNAME record requires the WEIGHTED routing policy');
  }
  return { routingPolicy, dnsRecords: records };
}

function checkDnsRecords(records: readonly DnsRecordConfig[] | undefined): DnsRecordConfig[] {
  if (!records || records.length === 0) throw invalidInput('DnsRecords must contain at least one record');
  const seen = new Set<string>();
  for (const r of records) {
    if (!RECORD_TYPES.includes(r.Type)) throw invalidInput(`DnsRecord type is not valid: ${String(r.Type)}`);
    if (!Number.isInteger(r.TTL) || r.TTL < 0 || r.TTL > 2147483647) throw invalidInput('DnsRecord TTL must be between 0 and 2147483647');
    if (seen.has(r.Type)) throw invalidInput(`DnsRecords contains more than one record of type ${r.Type}`);
    seen.add(r.Type);
  }
  if (seen.has('CNAME') && seen.size > 1) throw invalidInput('A CNAME record cannot be combined with other records');
  return records.map((r) => ({ Type: r.Type, TTL: r.TTL }));
}

function checkHealthCheckConfig(config: HealthCheckConfig): void {
  if (!['HTTP', 'HTTPS', 'TCP'].includes(config.Type)) throw invalidInput(`HealthCheckConfig type is not valid: ${String(config.Type)}`);
  if (config.Type === 'TCP' && config.ResourcePath !== undefined)
    throw invalidInput('ResourcePath cannot be specified for TCP health checks');
  const t = config.FailureThreshold;
  if (t !== undefined && (!Number.isInteger(t) || t < 1 || t > 10)) throw invalidInput('FailureThreshold must be between 1 and 10');
}

export function serviceById(state: Readonly<CloudMapState>, id: string): ServiceRecord {
  const service = Object.hasOwn(state.cloudMapServices, id) ? state.cloudMapServices[id] : undefined;
  if (!service) throw serviceNotFound(id);
  return service;
}

export interface ServiceChange {
  description?: string;
  dnsRecords?: DnsRecordConfig[];
  healthCheckConfig?: HealthCheckConfig;
}

/** UpdateService: what the change names replaces what the service had; returns the UPDATE_SERVICE operation id. */
export function updateService(state: CloudMapState, id: string, change: ServiceChange, operationId: string, now: number): string {
  const service = serviceById(state, id);
  const record = state.cloudMapServices[id]!;
  if (change.dnsRecords !== undefined) {
    if (!service.dnsConfig) throw invalidInput(`Service ${id} has no DNS configuration to update`);
    const records = checkDnsRecords(change.dnsRecords);
    const before = service.dnsConfig.dnsRecords.map((r) => r.Type).sort();
    if (
      records
        .map((r) => r.Type)
        .sort()
        .join() !== before.join()
    ) {
      throw invalidInput('UpdateService can change the TTL of DNS records but not their types');
    }
    record.dnsConfig = { routingPolicy: service.dnsConfig.routingPolicy, dnsRecords: records };
  }
  if (change.healthCheckConfig !== undefined) {
    if (!service.healthCheckConfig) throw invalidInput(`Service ${id} has no HealthCheckConfig to update`);
    checkHealthCheckConfig(change.healthCheckConfig);
    record.healthCheckConfig = { ...change.healthCheckConfig };
  }
  if (change.description !== undefined) record.description = change.description;
  return recordOperation(state, { id: operationId, type: 'UPDATE_SERVICE', targets: { SERVICE: id } }, now);
}

export function deleteService(state: CloudMapState, id: string): void {
  serviceById(state, id);
  if (Object.values(state.cloudMapInstances).some((i) => i.serviceId === id)) {
    throw resourceInUse(`Service ${id} has registered instances and cannot be deleted`);
  }
  delete state.cloudMapServices[id];
}

export const MAX_SERVICE_ATTRIBUTES = 30;
