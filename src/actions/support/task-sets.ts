// What the task set operations share: finding the service (which must run on the EXTERNAL or CODE_DEPLOY
// controller) and its task set, building a task set from a request, and making one the primary.
import type * as Ecs from '@aws-sdk/client-ecs';
import { taskSetArn } from '../../domain/arn.js';
import type { ClusterRecord } from '../../domain/cluster.js';
import { deploymentIdFrom, usesTaskSets, type ServiceRecord } from '../../domain/ecs-service.js';
import { invalidParameter, serviceNotActive, serviceNotFound } from '../../domain/errors.js';
import type { Ids } from '../../domain/ports.js';
import type { Scope } from '../../domain/scope.js';
import { checkServiceRegistries } from '../../domain/cloudmap/ecs-registration.js';
import { checkServiceLoadBalancers } from '../../domain/service-load-balancing.js';
import { assertRunnableOnFargate, resolveTaskDefinitionRef, TASK_DEFINITION_LOOKUPS } from '../../domain/task-definition.js';
import { plainCopy } from '../../domain/service-deployment.js';
import { computedDesiredCountOf, findTaskSet, scaleOf, taskSetNotFound, type TaskSetRecord } from '../../domain/task-set.js';
import { resolveCluster } from '../../store/clusters.js';
import type { RegionState } from '../../store/schema.js';
import { findService, launchSettingsOf, networkOf } from './service-request.js';
import { platformVersionOf } from './task-request.js';

/** AWS's answer to a task set operation on a service of the ECS deployment controller (observed). */
export const notTaskSetController = () =>
  invalidParameter('Amazon ECS only supports task set management on services configured to use external deployment controllers.');

/** A service has at most this many task sets (DRAINING ones count until they are gone); AWS's wording (observed). */
export const MAX_TASK_SETS = 5;
export const tooManyTaskSets = (count: number) =>
  invalidParameter(`${count} deployments exist on the service. Unable to create new TaskSet since this exceeds the maximum limit.`);

/** The ACTIVE service a task set operation names, on a controller that has task sets. */
export function taskSetService(
  state: RegionState,
  scope: Scope,
  input: { cluster?: string; service?: string },
): { cluster: ClusterRecord; svc: ServiceRecord } {
  const cluster = resolveCluster(state, scope, input.cluster);
  const svc = findService(state, cluster, input.service ?? '');
  if (!svc) throw serviceNotFound();
  if (svc.status !== 'ACTIVE') throw serviceNotActive();
  if (!usesTaskSets(svc)) throw notTaskSetController();
  return { cluster, svc };
}

export function requireTaskSet(svc: ServiceRecord, ref: string | undefined): TaskSetRecord {
  const ts = findTaskSet(svc.taskSets, ref ?? '');
  if (!ts) throw taskSetNotFound();
  return ts;
}

export interface NewTaskSetRequest {
  taskDefinition: string;
  networkConfiguration?: Ecs.NetworkConfiguration;
  loadBalancers?: Ecs.LoadBalancer[];
  serviceRegistries?: Ecs.ServiceRegistry[];
  launchType?: string;
  capacityProviderStrategy?: Ecs.CapacityProviderStrategyItem[];
  platformVersion?: string;
  scale?: Ecs.Scale;
  externalId?: string;
  startedBy?: string;
  status?: TaskSetRecord['status'];
}

/** A new task set of `svc` (ACTIVE unless asked otherwise), checked as CreateTaskSet checks it. */
export function newTaskSet(
  state: RegionState,
  scope: Scope,
  cluster: ClusterRecord,
  svc: ServiceRecord,
  req: NewTaskSetRequest,
  deps: { ids: Ids; now: number; defaultVpcCidr: string },
): TaskSetRecord {
  const td = resolveTaskDefinitionRef(state, req.taskDefinition, TASK_DEFINITION_LOOKUPS.createService);
  const launch = launchSettingsOf(req.launchType, req.capacityProviderStrategy, cluster);
  if (launch.launchType !== 'EC2') assertRunnableOnFargate(td);
  if (req.loadBalancers && req.loadBalancers.length > 1) throw invalidParameter('A task set can have at most 1 load balancer.');
  checkServiceLoadBalancers(state, req.loadBalancers, td, undefined);
  checkServiceRegistries(state, req.serviceRegistries, td);
  const network =
    launch.launchType === 'EC2' && td.networkMode !== 'awsvpc' && !req.networkConfiguration
      ? { subnets: [], securityGroups: [], assignPublicIp: 'DISABLED' as const }
      : networkOf(state, scope, deps.now, req.networkConfiguration, deps.defaultVpcCidr);
  const scale = scaleOf(req.scale);
  const id = deploymentIdFrom(deps.ids.hex32());
  const computed = computedDesiredCountOf(svc.desiredCount, scale.value);
  return {
    id,
    taskSetArn: taskSetArn(scope, svc.clusterName, svc.serviceName, id),
    status: req.status ?? 'ACTIVE',
    ...(req.externalId !== undefined ? { externalId: req.externalId } : {}),
    ...(req.startedBy !== undefined ? { startedBy: req.startedBy } : {}),
    taskDefinition: td.taskDefinitionArn,
    ...launch,
    platformVersion: platformVersionOf(req.platformVersion),
    platformFamily: 'Linux',
    networkConfiguration: network,
    loadBalancers: structuredClone(req.loadBalancers ?? []) as Record<string, unknown>[],
    serviceRegistries: structuredClone(req.serviceRegistries ?? []) as Record<string, unknown>[],
    scale,
    computedDesiredCount: computed,
    stabilityStatus: computed === 0 ? 'STEADY_STATE' : 'STABILIZING',
    stabilityStatusAt: deps.now,
    judgedTaskIds: [],
    createdAt: deps.now,
    updatedAt: deps.now,
  };
}

/** Makes `ts` the service's primary task set: the service shows its settings from now on (AWS's rule). */
export function makePrimary(svc: ServiceRecord, ts: TaskSetRecord, now: number): void {
  for (const other of svc.taskSets ?? []) {
    if (other !== ts && other.status === 'PRIMARY') {
      other.status = 'ACTIVE';
      other.updatedAt = now;
    }
  }
  ts.status = 'PRIMARY';
  ts.updatedAt = now;
  svc.taskDefinition = ts.taskDefinition;
  svc.launchType = ts.launchType;
  svc.capacityProviderStrategy = ts.capacityProviderStrategy;
  svc.platformVersion = ts.platformVersion;
  svc.networkConfiguration = { ...ts.networkConfiguration };
  svc.loadBalancers = plainCopy(ts.loadBalancers);
  svc.serviceRegistries = plainCopy(ts.serviceRegistries);
  svc.steady = false;
}
