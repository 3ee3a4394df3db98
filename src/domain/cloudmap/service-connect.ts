// ECS Service Connect over Cloud Map: CreateService/UpdateService's serviceConnectConfiguration is checked against
// the namespace (the configuration's, or the cluster's serviceConnectDefaults) and the task definition's named port
// mappings; each `services[]` entry gets a Cloud Map service named by its discoveryName (ECS creates it, type HTTP,
// custom health), whose instances are the ECS service's RUNNING tasks on the mapped container port. Client aliases
// (`dnsName:port`, by default `<discoveryName>.<namespace>`) are what the tasks of every Service Connect service in
// the namespace resolve.
import { cloudMapServiceArn } from '../arn.js';
import { serviceKey, type ServiceRecord as EcsServiceRecord } from '../ecs-service.js';
import type { TaskRecord } from '../task.js';
import type { DnsAnswer } from './dns-answers.js';
import { servesTraffic } from './instances.js';
import { invalidParameter } from '../errors.js';
import type { Scope } from '../scope.js';
import type { TaskDefinitionRecord } from '../task-definition.js';
import { recordOperation } from './operations.js';
import type { CloudMapState, NamespaceRecord } from './records.js';

export interface ServiceConnectEndpoint {
  portName: string;
  discoveryName: string;
  /** The Cloud Map service the tasks are registered in. */
  cloudMapServiceId: string;
  discoveryArn: string;
  containerPort: number;
  clientAliases: { port: number; dnsName: string }[];
}

/** What an ECS service with Service Connect enabled keeps (ServiceRecord.serviceConnect). */
export interface ServiceConnectState {
  namespaceId: string;
  namespaceArn: string;
  services: ServiceConnectEndpoint[];
}

interface WireServiceConnect {
  enabled?: boolean;
  namespace?: string;
  services?: {
    portName?: string;
    discoveryName?: string;
    clientAliases?: { port?: number; dnsName?: string }[];
    ingressPortOverride?: number;
  }[];
}

const DISCOVERY_NAME = /^[a-zA-Z0-9]([a-zA-Z0-9_-]{0,62})$/;

/** The namespace a name or ARN names (undefined when there is none). */
export function namespaceByNameOrArn(state: Readonly<CloudMapState>, ref: string): NamespaceRecord | undefined {
  return Object.values(state.cloudMapNamespaces).find((n) => (ref.startsWith('arn:') ? n.arn === ref : n.name === ref));
}

/**
 * Checks a serviceConnectConfiguration and makes the Cloud Map services it needs; returns what the ECS service keeps
 * (undefined when Service Connect is off).
 */
export function applyServiceConnect(
  state: CloudMapState,
  scope: Scope,
  config: WireServiceConnect | undefined,
  clusterDefaultNamespace: string | undefined,
  td: Pick<TaskDefinitionRecord, 'containerDefinitions'>,
  owner: string,
  newServiceId: () => string,
  now: number,
): ServiceConnectState | undefined {
  if (!config?.enabled) return undefined;
  const ref = config.namespace ?? clusterDefaultNamespace;
  if (!ref) {
    throw invalidParameter(
      'Service Connect requires a namespace: specify one in serviceConnectConfiguration or in the cluster’s serviceConnectDefaults.',
    );
  }
  const ns = namespaceByNameOrArn(state, ref);
  if (!ns) throw invalidParameter(`The Cloud Map namespace ${ref} does not exist.`);
  const ports = td.containerDefinitions.flatMap((c) => (c.portMappings ?? []).filter((p) => p.name).map((p) => p));
  const seen = new Set<string>();
  const services = (config.services ?? []).map((entry) => {
    const portName = entry.portName ?? '';
    const mapping = ports.find((p) => p.name === portName);
    if (!mapping?.containerPort) {
      throw invalidParameter(`The portName '${portName}' does not match the name of any portMappings in the task definition.`);
    }
    const discoveryName = entry.discoveryName ?? portName;
    if (!DISCOVERY_NAME.test(discoveryName)) throw invalidParameter(`The discoveryName '${discoveryName}' is not valid.`);
    if (seen.has(discoveryName)) throw invalidParameter(`The discoveryName '${discoveryName}' is used more than once.`);
    seen.add(discoveryName);
    const clientAliases = (entry.clientAliases ?? []).map((alias) => {
      if (alias.port === undefined || alias.port < 1 || alias.port > 65535) {
        throw invalidParameter('A client alias needs a port between 1 and 65535.');
      }
      return { port: alias.port, dnsName: (alias.dnsName ?? `${discoveryName}.${ns.name}`).toLowerCase() };
    });
    let cm = Object.values(state.cloudMapServices).find((s) => s.namespaceId === ns.id && s.name === discoveryName);
    if (!cm) {
      const id = newServiceId();
      cm = {
        id,
        arn: cloudMapServiceArn(scope, id),
        name: discoveryName,
        namespaceId: ns.id,
        type: 'HTTP',
        description: `Managed by ${owner}`,
        healthCheckCustomConfig: { FailureThreshold: 1 },
        createdAt: now,
        tags: [{ Key: 'AmazonECSManaged', Value: 'true' }],
        attributes: {},
        instancesRevision: 1,
      };
      state.cloudMapServices[id] = cm;
    }
    return { portName, discoveryName, cloudMapServiceId: cm.id, discoveryArn: cm.arn, containerPort: mapping.containerPort, clientAliases };
  });
  return { namespaceId: ns.id, namespaceArn: ns.arn, services };
}

/** The deployment's serviceConnectResources, as DescribeServices shows them. */
export const serviceConnectResources = (sc: ServiceConnectState | undefined) =>
  sc?.services.map((s) => ({ discoveryName: s.discoveryName, discoveryArn: s.discoveryArn })) ?? [];

/**
 * A cluster's serviceConnectDefaults namespace: an ARN is kept as given; a name is the HTTP namespace of that name,
 * which ECS creates when there is none (with the id `wanted` names). Returns the namespace ARN.
 */
export function ensureServiceConnectNamespace(
  state: CloudMapState,
  given: string,
  wantedArn: string,
  operationId: string,
  now: number,
): string {
  if (given.startsWith('arn:')) return wantedArn;
  const existing = namespaceByNameOrArn(state, given);
  if (existing) return existing.arn;
  const id = wantedArn.slice(wantedArn.lastIndexOf('/') + 1);
  state.cloudMapNamespaces[id] = {
    id,
    arn: wantedArn,
    name: given,
    type: 'HTTP',
    createdAt: now,
    tags: [],
  };
  recordOperation(state, { id: operationId, type: 'CREATE_NAMESPACE', targets: { NAMESPACE: id } }, now);
  return wantedArn;
}

/** How long resolvers may keep an alias's answer (seconds): short, so tasks that come and go show at once. */
export const CLIENT_ALIAS_TTL = 1;

/**
 * A client alias as the tasks of the namespace's Service Connect services resolve it: the healthy tasks behind it
 * (A records, all of them, in random order). Null when the caller's service has no Service Connect or the name is
 * no alias of its namespace.
 */
export function answerClientAlias(
  state: Readonly<CloudMapState> & { tasks: Record<string, TaskRecord>; services: Record<string, EcsServiceRecord> },
  taskId: string,
  qname: string,
  qtype: string,
  random: () => number = Math.random,
): DnsAnswer | null {
  const task = state.tasks[taskId];
  if (!task?.group.startsWith('service:')) return null;
  const own = state.services[serviceKey(task.clusterName, task.group.slice('service:'.length))]?.serviceConnect;
  if (!own) return null;
  const name = qname.toLowerCase().replace(/\.$/, '');
  const endpoints = Object.values(state.services)
    .filter((s) => s.status !== 'INACTIVE' && s.serviceConnect?.namespaceId === own.namespaceId)
    .flatMap((s) => s.serviceConnect!.services)
    .filter((e) => e.clientAliases.some((a) => a.dnsName === name));
  if (endpoints.length === 0) return null;
  const zone = { name, ttl: CLIENT_ALIAS_TTL };
  const ids = new Set(endpoints.map((e) => e.cloudMapServiceId));
  const instances = Object.values(state.cloudMapInstances).filter((i) => ids.has(i.serviceId));
  const healthy = instances.filter((i) => {
    const svc = state.cloudMapServices[i.serviceId];
    return svc !== undefined && servesTraffic(svc, i);
  });
  if (healthy.length === 0) return { rcode: 'NXDOMAIN', answers: [], zone };
  const addresses = [...new Set(healthy.map((i) => i.attributes.AWS_INSTANCE_IPV4).filter((a): a is string => !!a))];
  for (let i = addresses.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [addresses[i], addresses[j]] = [addresses[j]!, addresses[i]!];
  }
  const answers =
    qtype === 'A' || qtype === 'ANY'
      ? addresses.map((address) => ({ type: 'A' as const, name: qname, ttl: CLIENT_ALIAS_TTL, address }))
      : [];
  return { rcode: 'NOERROR', answers, zone };
}
