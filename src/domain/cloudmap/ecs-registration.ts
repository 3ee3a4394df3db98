// ECS services with `serviceRegistries`: CreateService/UpdateService's checks, and keeping one Cloud Map instance
// per RUNNING task, as ECS does. The instance id is the task id; the attributes are the ones ECS sets. An instance
// is registered once the task is RUNNING, its custom health follows the task's, and it is deregistered as soon as
// the task is to stop (in the same state change that starts taking it down, so before any container is signalled).
// A task of a task set (EXTERNAL, CODE_DEPLOY) is registered in its task set's registry, not the service's.
import { serviceKey, usesTaskSets, type ServiceRecord as EcsServiceRecord } from '../ecs-service.js';
import { invalidParameter } from '../errors.js';
import type { TaskDefinitionRecord } from '../task-definition.js';
import type { TaskRecord } from '../task.js';
import { deregisterInstance, registerInstance, updateCustomHealth } from './instances.js';
import { type CloudMapState, instanceKey, type ServiceRecord } from './records.js';

/** One entry of an ECS service's serviceRegistries (wire shape). */
export interface EcsServiceRegistry {
  registryArn?: string;
  port?: number;
  containerName?: string;
  containerPort?: number;
}

const SERVICE_GROUP_PREFIX = 'service:';

function cloudMapServiceByArn(state: Readonly<CloudMapState>, arn: string): ServiceRecord | undefined {
  return Object.values(state.cloudMapServices).find((s) => s.arn === arn);
}

/** CreateService / UpdateService: the registry must exist; SRV records need a port; container and port must exist. */
export function checkServiceRegistries(
  state: Readonly<CloudMapState>,
  registries: readonly EcsServiceRegistry[] | undefined,
  td: Pick<TaskDefinitionRecord, 'containerDefinitions'>,
): void {
  if (!registries || registries.length === 0) return;
  if (registries.length > 1) throw invalidParameter('Only one service registry is supported per service.');
  const r = registries[0]!;
  if (!r.registryArn) throw invalidParameter('The registryArn of a service registry must be specified.');
  if (!/^arn:aws[a-z-]*:servicediscovery:[a-z0-9-]+:\d{12}:service\/srv-[a-z0-9]+$/.test(r.registryArn)) {
    throw invalidParameter(`The service registry ARN ${r.registryArn} is not a valid AWS Cloud Map service ARN.`);
  }
  const service = cloudMapServiceByArn(state, r.registryArn);
  if (!service) throw invalidParameter(`The service registry ${r.registryArn} does not exist.`);
  if ((r.containerName === undefined) !== (r.containerPort === undefined)) {
    throw invalidParameter('containerName and containerPort must be specified together in a service registry.');
  }
  if (r.port !== undefined && r.containerName !== undefined) {
    throw invalidParameter('A service registry can specify either a port or a containerName and containerPort, not both.');
  }
  const srv = service.dnsConfig?.dnsRecords.some((d) => d.Type === 'SRV') ?? false;
  if (srv && r.port === undefined && r.containerName === undefined) {
    throw invalidParameter(
      "When specifying 'SRV' DNS records, a port or a containerName and containerPort must be specified in the service registry.",
    );
  }
  if (r.containerName !== undefined) {
    const container = td.containerDefinitions.find((c) => c.name === r.containerName);
    if (!container) throw invalidParameter(`The container ${r.containerName} does not exist in the task definition.`);
    if (!(container.portMappings ?? []).some((p) => p.containerPort === r.containerPort)) {
      throw invalidParameter(`The container ${r.containerName} does not expose port ${r.containerPort} in its portMappings.`);
    }
  }
}

/** The attributes ECS registers a task with (a task set's tasks also carry its external id, when it has one). */
export function taskAttributes(
  task: TaskRecord,
  service: ServiceRecord,
  registry: EcsServiceRegistry,
  region: string,
  taskSetExternalId?: string,
) {
  const port = registry.port ?? registry.containerPort;
  return {
    AWS_INSTANCE_IPV4: task.attachment.privateIPv4Address,
    ...(port !== undefined ? { AWS_INSTANCE_PORT: String(port) } : {}),
    AVAILABILITY_ZONE: task.availabilityZone,
    REGION: region,
    ECS_CLUSTER_NAME: task.clusterName,
    ECS_SERVICE_NAME: task.group.slice(SERVICE_GROUP_PREFIX.length),
    ECS_TASK_DEFINITION_FAMILY: task.family,
    ...(taskSetExternalId !== undefined ? { ECS_TASK_SET_EXTERNAL_ID: taskSetExternalId } : {}),
    ...(service.healthCheckCustomConfig ? { AWS_INIT_HEALTH_STATUS: task.healthStatus === 'UNHEALTHY' ? 'UNHEALTHY' : 'HEALTHY' } : {}),
  };
}

type State = CloudMapState & { tasks: Record<string, TaskRecord>; services: Record<string, EcsServiceRecord> };

/** Where a task is to be registered: the serviceRegistries' Cloud Map service and its Service Connect services. */
function desiredRegistrations(state: State, task: TaskRecord, service: EcsServiceRecord | undefined, region: string) {
  const wanted: { target: ServiceRecord; attributes: Record<string, string> }[] = [];
  const taskSet = service && usesTaskSets(service) ? service.taskSets?.find((ts) => ts.id === task.startedBy) : undefined;
  const registries = service && usesTaskSets(service) ? taskSet?.serviceRegistries : service?.serviceRegistries;
  const registry = registries?.[0] as EcsServiceRegistry | undefined;
  const target = registry?.registryArn ? cloudMapServiceByArn(state, registry.registryArn) : undefined;
  if (target && registry) wanted.push({ target, attributes: taskAttributes(task, target, registry, region, taskSet?.externalId) });
  for (const endpoint of service?.serviceConnect?.services ?? []) {
    const cm = state.cloudMapServices[endpoint.cloudMapServiceId];
    if (cm && !wanted.some((w) => w.target.id === cm.id)) {
      wanted.push({ target: cm, attributes: taskAttributes(task, cm, { containerPort: endpoint.containerPort }, region) });
    }
  }
  return wanted;
}

/**
 * Brings the task's Cloud Map registrations in line with the task: registered (with its health) while it is RUNNING
 * and meant to run, deregistered otherwise. Returns true when anything changed.
 */
export function syncTaskRegistration(state: State, taskId: string, region: string, now: number, operationId: () => string): boolean {
  const task = state.tasks[taskId];
  const registered = Object.values(state.cloudMapInstances).filter((i) => i.id === taskId);
  const service = task?.group.startsWith(SERVICE_GROUP_PREFIX)
    ? state.services[serviceKey(task.clusterName, task.group.slice(SERVICE_GROUP_PREFIX.length))]
    : undefined;
  const serving =
    task !== undefined && task.lastStatus === 'RUNNING' && task.desiredStatus === 'RUNNING' && !!task.attachment.privateIPv4Address;
  const wanted = serving ? desiredRegistrations(state, task, service, region) : [];
  let changed = false;
  for (const instance of registered) {
    if (wanted.some((w) => w.target.id === instance.serviceId)) continue;
    deregisterInstance(state, instance.serviceId, instance.id, operationId(), now);
    changed = true;
  }
  for (const { target, attributes } of wanted) {
    const existing = state.cloudMapInstances[instanceKey(target.id, taskId)];
    if (!existing) {
      registerInstance(state, { serviceId: target.id, instanceId: taskId, attributes }, operationId(), now);
      changed = true;
      continue;
    }
    const health = task!.healthStatus === 'UNHEALTHY' ? 'UNHEALTHY' : 'HEALTHY';
    if (target.healthCheckCustomConfig && existing.customHealth !== health) {
      updateCustomHealth(state, target.id, taskId, health);
      changed = true;
    }
  }
  return changed;
}
