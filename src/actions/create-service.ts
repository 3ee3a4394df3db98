import type * as Ecs from '@aws-sdk/client-ecs';
import { ecsServiceLinkedRoleArn, serviceArn } from '../domain/arn.js';
import {
  assertValidDesiredCount,
  assertValidServiceName,
  deploymentConfigurationOf,
  serviceKey,
  usesTaskSets,
  type PropagateTags,
  type ServiceRecord,
} from '../domain/ecs-service.js';
import { invalidParameter } from '../domain/errors.js';
import { connectorOf } from '../domain/gateway-route.js';
import { checkServiceRegistries } from '../domain/cloudmap/ecs-registration.js';
import { checkServiceLoadBalancers } from '../domain/service-load-balancing.js';
import { checkAdvancedConfiguration } from '../domain/blue-green-traffic.js';
import { newServiceId } from '../domain/cloudmap/ids.js';
import { applyServiceConnect, serviceConnectResources } from '../domain/cloudmap/service-connect.js';
import { rolloutReasons } from '../domain/service-messages.js';
import type { ActionContext } from './context.js';
import { connectService } from './support/gateway-routes.js';
import { recordServiceDeployment } from './support/service-deployments.js';
import { launchSettingsOf, networkOf, newDeployment, stableJson } from './support/service-request.js';
import { controllerOf, createExternalService, startWithTaskSet } from './support/task-set-services.js';
import { assertRunnableOnFargate, resolveTaskDefinitionRef, TASK_DEFINITION_LOOKUPS } from '../domain/task-definition.js';
import { ensureCluster } from '../store/clusters.js';
import { tasksOfService, toWireService } from './wire/service.js';

export function createService(ctx: ActionContext, input: Ecs.CreateServiceRequest): Ecs.CreateServiceResponse {
  const { scope, deps } = ctx;
  const name = input.serviceName ?? '';
  assertValidServiceName(name);
  assertValidDesiredCount(input.desiredCount);
  if (input.schedulingStrategy === 'DAEMON')
    throw invalidParameter('The daemon scheduling strategy is not supported with the FARGATE launch type.');
  const controller = controllerOf(input.deploymentController?.type);
  if (!input.taskDefinition && controller !== 'EXTERNAL')
    throw invalidParameter(`TaskDefinition is required for the ${controller} deployment controller.`);
  const connector = connectorOf(input.gatewayConnectors);
  if (connector && controller !== 'ECS') throw invalidParameter('gatewayConnectors are only supported with the ECS deployment controller.');
  const { clientToken: _token, ...request } = input;
  const fingerprint = stableJson(request);
  const now = deps.clock.now();

  const outcome = deps.store.update(scope, (state) => {
    const cluster = ensureCluster(state, scope, input.cluster, now);
    const key = serviceKey(cluster.clusterName, name);
    const existing = state.services[key];
    if (existing?.status === 'ACTIVE') {
      if (existing.requestFingerprint === fingerprint) return { service: existing, created: false };
      throw invalidParameter('Creation of service was not idempotent.');
    }
    if (existing?.status === 'DRAINING') throw invalidParameter('Unable to Start a service that is still Draining.');
    if (controller === 'EXTERNAL')
      return { service: createExternalService(state, scope, cluster, name, input, fingerprint, now, deps), created: true };
    const td = resolveTaskDefinitionRef(state, input.taskDefinition!, TASK_DEFINITION_LOOKUPS.createService);
    checkServiceRegistries(state, input.serviceRegistries, td);
    checkServiceLoadBalancers(state, input.loadBalancers, td, input.role);
    checkAdvancedConfiguration(state, input.loadBalancers as Record<string, unknown>[] | undefined);
    const serviceConnect = applyServiceConnect(
      state,
      scope,
      input.serviceConnectConfiguration,
      cluster.serviceConnectDefaults?.namespace,
      td,
      serviceArn(scope, cluster.clusterName, name),
      () => newServiceId(deps.ids),
      now,
    );
    const launch = launchSettingsOf(input.launchType, input.capacityProviderStrategy, cluster);
    // Only a service that runs on Fargate needs a task definition that can.
    if (launch.launchType !== 'EC2') assertRunnableOnFargate(td);
    // Only awsvpc needs a network: an EC2 service of a bridge or host task definition has none.
    const network =
      launch.launchType === 'EC2' && td.networkMode !== 'awsvpc' && !input.networkConfiguration
        ? { subnets: [], securityGroups: [], assignPublicIp: 'DISABLED' as const }
        : networkOf(state, scope, now, input.networkConfiguration, deps.config.defaultVpcCidr);
    const desiredCount = input.desiredCount ?? 0;
    const deployment = newDeployment({
      ids: deps.ids,
      now,
      taskDefinitionArn: td.taskDefinitionArn,
      desiredCount,
      launch,
      platformVersion: input.platformVersion,
      network,
    });
    const connect = input.serviceConnectConfiguration as Record<string, unknown> | undefined;
    if (serviceConnect) {
      deployment.serviceConnectConfiguration = { ...structuredClone(connect!), namespace: serviceConnect.namespaceArn };
      deployment.serviceConnectResources = serviceConnectResources(serviceConnect);
    }
    const service: ServiceRecord = {
      serviceArn: serviceArn(scope, cluster.clusterName, name),
      serviceName: name,
      clusterArn: cluster.clusterArn,
      clusterName: cluster.clusterName,
      status: 'ACTIVE',
      taskDefinition: td.taskDefinitionArn,
      desiredCount,
      ...launch,
      platformVersion: input.platformVersion ?? 'LATEST',
      platformFamily: 'Linux',
      networkConfiguration: network,
      deploymentConfiguration: deploymentConfigurationOf(input.deploymentConfiguration),
      deployments: [deployment],
      events: [],
      loadBalancers: structuredClone(input.loadBalancers ?? []) as Record<string, unknown>[],
      serviceRegistries: structuredClone(input.serviceRegistries ?? []) as Record<string, unknown>[],
      healthCheckGracePeriodSeconds: input.healthCheckGracePeriodSeconds,
      enableECSManagedTags: input.enableECSManagedTags ?? false,
      propagateTags: (input.propagateTags ?? 'NONE') as PropagateTags,
      enableExecuteCommand: input.enableExecuteCommand ?? false,
      availabilityZoneRebalancing: input.availabilityZoneRebalancing ?? 'ENABLED',
      serviceConnectConfiguration: connect ? structuredClone(connect) : undefined,
      namespace: serviceConnect?.namespaceArn,
      serviceConnect,
      roleArn: ecsServiceLinkedRoleArn(scope),
      createdAt: now,
      requestFingerprint: fingerprint,
      steady: false,
    };
    if (connector) {
      service.gatewayConnector = connector;
      connectService(state, { scope, ids: deps.ids, now, svc: service, connector, td });
    }
    state.services[key] = service;
    if (controller === 'CODE_DEPLOY') startWithTaskSet(state, scope, cluster, service, input, deps, now);
    else recordServiceDeployment(state, scope, service, deployment, deps.ids, now);
    if (input.tags?.length) state.tags[service.serviceArn] = input.tags.map((t) => ({ key: t.key!, value: t.value ?? '' }));
    else delete state.tags[service.serviceArn];
    return { service, created: true };
  });

  const svc = outcome.service;
  if (outcome.created && usesTaskSets(svc)) deps.services.poke(scope, svc.clusterName, svc.serviceName);
  else if (outcome.created) {
    const primary = svc.deployments[0]!;
    deps.services.announce(scope, svc, {
      kind: 'deployment',
      deploymentId: primary.id,
      eventName: 'SERVICE_DEPLOYMENT_IN_PROGRESS',
      reason: rolloutReasons.inProgress(primary.id),
    });
    deps.services.poke(scope, svc.clusterName, svc.serviceName);
  }
  // The load balancers' data plane follows a gateway's new listener and rule.
  if (outcome.created && svc.gatewayConnector) void deps.loadBalancing?.changed(scope);
  return { service: deps.store.read(scope, (state) => toWireService(svc, tasksOfService(state, svc))) };
}
