// CreateService on the EXTERNAL and CODE_DEPLOY deployment controllers. EXTERNAL: only the name is needed; the
// service runs nothing until CreateTaskSet. CODE_DEPLOY: the service starts with one PRIMARY task set at 100
// percent, made of the service's task definition, network and first load balancer (AWS's initial task set).
import type * as Ecs from '@aws-sdk/client-ecs';
import { ecsServiceLinkedRoleArn, serviceArn } from '../../domain/arn.js';
import type { ClusterRecord } from '../../domain/cluster.js';
import { deploymentConfigurationOf, serviceKey, type PropagateTags, type ServiceRecord } from '../../domain/ecs-service.js';
import { invalidParameter } from '../../domain/errors.js';
import type { Ids } from '../../domain/ports.js';
import type { Scope } from '../../domain/scope.js';
import type { DeploymentControllerType } from '../../domain/task-set.js';
import type { RegionState } from '../../store/schema.js';
import { networkOf } from './service-request.js';
import { makePrimary, newTaskSet } from './task-sets.js';

export function controllerOf(type: string | undefined): DeploymentControllerType {
  if (type === undefined || type === 'ECS' || type === 'CODE_DEPLOY' || type === 'EXTERNAL') return type ?? 'ECS';
  throw invalidParameter(`Deployment controller type ${type} is not valid.`);
}

interface Deps {
  ids: Ids;
  config: { defaultVpcCidr: string };
}

export function createExternalService(
  state: RegionState,
  scope: Scope,
  cluster: ClusterRecord,
  name: string,
  input: Ecs.CreateServiceRequest,
  fingerprint: string,
  now: number,
  deps: Deps,
): ServiceRecord {
  if (input.launchType && input.capacityProviderStrategy?.length)
    throw invalidParameter('Specifying both a launch type and capacity provider strategy is not supported. Remove one and try again.');
  const network = input.networkConfiguration
    ? networkOf(state, scope, now, input.networkConfiguration, deps.config.defaultVpcCidr)
    : { subnets: [], securityGroups: [], assignPublicIp: 'DISABLED' as const };
  const service: ServiceRecord = {
    serviceArn: serviceArn(scope, cluster.clusterName, name),
    serviceName: name,
    clusterArn: cluster.clusterArn,
    clusterName: cluster.clusterName,
    status: 'ACTIVE',
    taskDefinition: '',
    desiredCount: input.desiredCount ?? 0,
    ...(input.launchType === 'FARGATE' || input.launchType === 'EC2' ? { launchType: input.launchType } : {}),
    ...(input.capacityProviderStrategy?.length
      ? {
          capacityProviderStrategy: input.capacityProviderStrategy.map((i) => ({
            capacityProvider: i.capacityProvider ?? '',
            weight: i.weight ?? 0,
            base: i.base ?? 0,
          })),
        }
      : {}),
    platformVersion: input.platformVersion ?? 'LATEST',
    platformFamily: 'Linux',
    networkConfiguration: network,
    deploymentConfiguration: deploymentConfigurationOf(input.deploymentConfiguration),
    deployments: [],
    deploymentController: 'EXTERNAL',
    taskSets: [],
    events: [],
    loadBalancers: [],
    serviceRegistries: [],
    healthCheckGracePeriodSeconds: input.healthCheckGracePeriodSeconds,
    enableECSManagedTags: input.enableECSManagedTags ?? false,
    propagateTags: (input.propagateTags ?? 'NONE') as PropagateTags,
    enableExecuteCommand: input.enableExecuteCommand ?? false,
    availabilityZoneRebalancing: input.availabilityZoneRebalancing ?? 'ENABLED',
    roleArn: ecsServiceLinkedRoleArn(scope),
    createdAt: now,
    requestFingerprint: fingerprint,
    steady: false,
  };
  state.services[serviceKey(cluster.clusterName, name)] = service;
  if (input.tags?.length) state.tags[service.serviceArn] = input.tags.map((t) => ({ key: t.key!, value: t.value ?? '' }));
  else delete state.tags[service.serviceArn];
  return service;
}

/** Turns a service just built for CODE_DEPLOY into one that runs its initial task set. */
export function startWithTaskSet(
  state: RegionState,
  scope: Scope,
  cluster: ClusterRecord,
  service: ServiceRecord,
  input: Ecs.CreateServiceRequest,
  deps: Deps,
  now: number,
): void {
  service.deploymentController = 'CODE_DEPLOY';
  service.deployments = [];
  const ts = newTaskSet(
    state,
    scope,
    cluster,
    service,
    {
      taskDefinition: service.taskDefinition,
      networkConfiguration: input.networkConfiguration,
      loadBalancers: input.loadBalancers?.slice(0, 1),
      launchType: input.launchType,
      capacityProviderStrategy: input.capacityProviderStrategy,
      platformVersion: input.platformVersion,
      status: 'PRIMARY',
    },
    { ids: deps.ids, now, defaultVpcCidr: deps.config.defaultVpcCidr },
  );
  service.taskSets = [ts];
  const platformVersion = service.platformVersion;
  makePrimary(service, ts, now);
  // The service keeps what was asked ('LATEST' stays 'LATEST') and all its load balancers.
  service.platformVersion = platformVersion;
  service.loadBalancers = structuredClone(input.loadBalancers ?? []) as Record<string, unknown>[];
}

const UPDATE_HINTS: Record<'CODE_DEPLOY' | 'EXTERNAL', string> = {
  CODE_DEPLOY: 'Use AWS CodeDeploy to trigger a new deployment.',
  EXTERNAL: 'Create a new task set (CreateTaskSet) instead.',
};

/**
 * UpdateService on a task set service changes only the desired count, the deployment configuration, the health
 * check grace period, placement, ECS managed tags and tag propagation; what runs is changed by task sets (EXTERNAL)
 * or by a CodeDeploy deployment (CODE_DEPLOY), as AWS answers.
 */
export function checkTaskSetServiceUpdate(svc: ServiceRecord, input: Ecs.UpdateServiceRequest): void {
  const type = svc.deploymentController as 'CODE_DEPLOY' | 'EXTERNAL';
  // "task definition", "network parameters" and "load balancers" with the CODE_DEPLOY hint are AWS's (observed).
  const refused: [string, unknown][] = [
    ['task definition', input.taskDefinition],
    ['network parameters', input.networkConfiguration],
    ['platform version', input.platformVersion],
    ['load balancers', input.loadBalancers],
    ['service registries', input.serviceRegistries],
    ['capacity provider strategy', input.capacityProviderStrategy],
    ['service connect configuration', input.serviceConnectConfiguration],
    ['volume configurations', input.volumeConfigurations],
  ];
  for (const [what, value] of refused) {
    if (value !== undefined)
      throw invalidParameter(`Unable to update ${what} on services with a ${type} deployment controller. ${UPDATE_HINTS[type]}`);
  }
  if (input.forceNewDeployment)
    throw invalidParameter(`Unable to force a new deployment on services with a ${type} deployment controller. ${UPDATE_HINTS[type]}`);
  if (input.deploymentController?.type !== undefined && input.deploymentController.type !== type)
    throw invalidParameter(`Unable to change the deployment controller of a service with a ${type} deployment controller.`);
}
