// Instances of a Cloud Map service: attributes (AWS_INSTANCE_IPV4, AWS_INSTANCE_PORT, ...), health, and how
// DiscoverInstances and DNS choose among them.
import { customHealthNotFound, duplicateRequest, invalidInput, instanceNotFound, namespaceNotFound, serviceNotFound } from './errors.js';
import { namespaceByName } from './namespaces.js';
import { operationByRequest, recordOperation } from './operations.js';
import { instanceKey, type CloudMapState, type HealthStatus, type InstanceRecord, type ServiceRecord } from './records.js';
import { serviceById } from './services.js';

export const MAX_INSTANCE_ATTRIBUTES = 30;
const INSTANCE_ID = /^[0-9a-zA-Z_/:.@-]{1,64}$/;
const IPV4 = /^((25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)\.){3}(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)$/;

export interface Registration {
  serviceId: string;
  instanceId: string;
  attributes: Record<string, string>;
  creatorRequestId?: string;
}

/** RegisterInstance: creates the instance, or replaces the attributes of one with the same id. */
export function registerInstance(state: CloudMapState, input: Registration, operationId: string, now: number): string {
  const service = serviceById(state, input.serviceId);
  const earlier = operationByRequest(state, 'REGISTER_INSTANCE', input.creatorRequestId);
  if (earlier) {
    if (earlier.targets.INSTANCE === input.instanceId && earlier.targets.SERVICE === input.serviceId) return earlier.id;
    throw duplicateRequest(earlier.id);
  }
  if (!INSTANCE_ID.test(input.instanceId)) throw invalidInput(`Instance id is not valid: ${input.instanceId}`);
  checkAttributes(service, input.attributes);
  const key = instanceKey(service.id, input.instanceId);
  const before = state.cloudMapInstances[key];
  const initial = input.attributes.AWS_INIT_HEALTH_STATUS;
  const record: InstanceRecord = {
    serviceId: service.id,
    id: input.instanceId,
    attributes: { ...input.attributes },
    ...(input.creatorRequestId !== undefined ? { creatorRequestId: input.creatorRequestId } : {}),
    createdAt: before?.createdAt ?? now,
    ...(service.healthCheckCustomConfig
      ? { customHealth: before?.customHealth ?? (initial === 'UNHEALTHY' ? 'UNHEALTHY' : 'HEALTHY') }
      : {}),
  };
  state.cloudMapInstances[key] = record;
  state.cloudMapServices[service.id]!.instancesRevision += 1;
  return recordOperation(
    state,
    {
      id: operationId,
      type: 'REGISTER_INSTANCE',
      targets: { INSTANCE: input.instanceId, SERVICE: service.id },
      requestId: input.creatorRequestId,
    },
    now,
  );
}

function checkAttributes(service: ServiceRecord, attributes: Record<string, string>): void {
  const entries = Object.entries(attributes);
  if (entries.length > MAX_INSTANCE_ATTRIBUTES) throw invalidInput(`An instance can have at most ${MAX_INSTANCE_ATTRIBUTES} attributes`);
  for (const [k, v] of entries) {
    if (k.length < 1 || k.length > 255) throw invalidInput('Attribute keys must be between 1 and 255 characters long');
    if (typeof v !== 'string' || v.length > 1024) throw invalidInput(`Attribute ${k} must be a string of at most 1024 characters`);
  }
  const ipv4 = attributes.AWS_INSTANCE_IPV4;
  if (ipv4 !== undefined && !IPV4.test(ipv4)) throw invalidInput(`AWS_INSTANCE_IPV4 is not a valid IPv4 address: ${ipv4}`);
  const port = attributes.AWS_INSTANCE_PORT;
  if (port !== undefined && !(/^\d{1,5}$/.test(port) && Number(port) >= 1 && Number(port) <= 65535)) {
    throw invalidInput(`AWS_INSTANCE_PORT is not a valid port: ${port}`);
  }
  const init = attributes.AWS_INIT_HEALTH_STATUS;
  if (init !== undefined) {
    if (!service.healthCheckCustomConfig) throw invalidInput('AWS_INIT_HEALTH_STATUS requires a service with HealthCheckCustomConfig');
    if (init !== 'HEALTHY' && init !== 'UNHEALTHY') throw invalidInput('AWS_INIT_HEALTH_STATUS must be HEALTHY or UNHEALTHY');
  }
  for (const { Type } of service.dnsConfig?.dnsRecords ?? []) {
    if (Type === 'A' && ipv4 === undefined) throw invalidInput('AWS_INSTANCE_IPV4 is required for a service with an A record');
    if (Type === 'AAAA' && attributes.AWS_INSTANCE_IPV6 === undefined) {
      throw invalidInput('AWS_INSTANCE_IPV6 is required for a service with an AAAA record');
    }
    if (Type === 'CNAME' && attributes.AWS_INSTANCE_CNAME === undefined) {
      throw invalidInput('AWS_INSTANCE_CNAME is required for a service with a CNAME record');
    }
    if (Type === 'SRV' && port === undefined) throw invalidInput('AWS_INSTANCE_PORT is required for a service with an SRV record');
  }
}

export function instanceById(state: Readonly<CloudMapState>, serviceId: string, instanceId: string): InstanceRecord {
  serviceById(state, serviceId);
  const instance = state.cloudMapInstances[instanceKey(serviceId, instanceId)];
  if (!instance) throw instanceNotFound(instanceId, serviceId);
  return instance;
}

export function deregisterInstance(state: CloudMapState, serviceId: string, instanceId: string, operationId: string, now: number): string {
  instanceById(state, serviceId, instanceId);
  delete state.cloudMapInstances[instanceKey(serviceId, instanceId)];
  state.cloudMapServices[serviceId]!.instancesRevision += 1;
  return recordOperation(
    state,
    { id: operationId, type: 'DEREGISTER_INSTANCE', targets: { INSTANCE: instanceId, SERVICE: serviceId } },
    now,
  );
}

export function updateCustomHealth(state: CloudMapState, serviceId: string, instanceId: string, status: 'HEALTHY' | 'UNHEALTHY'): void {
  const service = serviceById(state, serviceId);
  if (!service.healthCheckCustomConfig) throw customHealthNotFound(serviceId);
  const instance = instanceById(state, serviceId, instanceId);
  if (instance.customHealth === status) return;
  state.cloudMapInstances[instanceKey(serviceId, instanceId)]!.customHealth = status;
  state.cloudMapServices[serviceId]!.instancesRevision += 1;
}

/**
 * An instance's health: its custom status where the service uses custom health checks; HEALTHY under a Route 53
 * health check (not run here); UNKNOWN when nothing checks it.
 */
export function healthOf(service: ServiceRecord, instance: InstanceRecord): HealthStatus {
  if (service.healthCheckCustomConfig) return instance.customHealth ?? 'HEALTHY';
  if (service.healthCheckConfig) return 'HEALTHY';
  return 'UNKNOWN';
}

/** Instances nothing checks count as healthy when answering queries, as Route 53 answers records without health checks. */
export const servesTraffic = (service: ServiceRecord, instance: InstanceRecord) => healthOf(service, instance) !== 'UNHEALTHY';

export const instancesOf = (state: Readonly<CloudMapState>, serviceId: string) =>
  Object.values(state.cloudMapInstances)
    .filter((i) => i.serviceId === serviceId)
    .sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));

export type HealthFilter = 'HEALTHY' | 'UNHEALTHY' | 'ALL' | 'HEALTHY_OR_ELSE_ALL';

export interface DiscoverQuery {
  namespaceName: string;
  serviceName: string;
  queryParameters?: Record<string, string>;
  optionalParameters?: Record<string, string>;
  healthStatus?: HealthFilter;
  maxResults?: number;
}

export interface Discovered {
  namespace: string;
  service: ServiceRecord;
  instances: { instance: InstanceRecord; health: HealthStatus }[];
}

/** DiscoverInstances: the instances of `<namespace>/<service>` whose attributes match, by health. */
export function discoverInstances(state: Readonly<CloudMapState>, query: DiscoverQuery): Discovered {
  const ns = namespaceByName(state, query.namespaceName);
  if (!ns) throw namespaceNotFound(query.namespaceName);
  const service = Object.values(state.cloudMapServices).find(
    (s) => s.namespaceId === ns.id && s.name.toLowerCase() === query.serviceName.toLowerCase(),
  );
  if (!service) throw serviceNotFound(query.serviceName);
  const matches = (i: InstanceRecord, params: Record<string, string> | undefined) =>
    Object.entries(params ?? {}).every(([k, v]) => i.attributes[k] === v);
  let found = instancesOf(state, service.id)
    .filter((i) => matches(i, query.queryParameters))
    .map((instance) => ({ instance, health: healthOf(service, instance) }));
  const optional = found.filter((f) => matches(f.instance, query.optionalParameters));
  if (optional.length > 0) found = optional;
  const healthy = found.filter((f) => f.health !== 'UNHEALTHY');
  const filter = query.healthStatus ?? 'HEALTHY';
  if (filter === 'HEALTHY') found = healthy;
  else if (filter === 'UNHEALTHY') found = found.filter((f) => f.health === 'UNHEALTHY');
  else if (filter === 'HEALTHY_OR_ELSE_ALL' && healthy.length > 0) found = healthy;
  return { namespace: ns.name, service, instances: found.slice(0, query.maxResults ?? 100) };
}
