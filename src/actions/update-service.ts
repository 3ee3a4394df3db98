import type * as Ecs from '@aws-sdk/client-ecs';
import {
  assertValidDesiredCount,
  deploymentConfigurationOf,
  usesTaskSets,
  type DeploymentRecord,
  type PropagateTags,
  type ServiceRecord,
} from '../domain/ecs-service.js';
import { checkTaskSetServiceUpdate } from './support/task-set-services.js';
import { isTrafficShifting } from '../domain/blue-green.js';
import { checkAdvancedConfiguration } from '../domain/blue-green-traffic.js';
import { newBlueGreenProgress, restoreBlueTraffic } from '../engine/blue-green-reconcile.js';
import { invalidParameter, serviceNotActive, serviceNotFound } from '../domain/errors.js';
import { connectorOf } from '../domain/gateway-route.js';
import { checkServiceLoadBalancers } from '../domain/service-load-balancing.js';
import { checkServiceRegistries } from '../domain/cloudmap/ecs-registration.js';
import { newServiceId } from '../domain/cloudmap/ids.js';
import { applyServiceConnect, serviceConnectResources } from '../domain/cloudmap/service-connect.js';
import { rolloutReasons } from '../domain/service-messages.js';
import type { ActionContext } from './context.js';
import { connectService } from './support/gateway-routes.js';
import { recordServiceDeployment } from './support/service-deployments.js';
import { findService, launchSettingsOf, networkOf, newDeployment } from './support/service-request.js';
import { resolveCluster } from '../store/clusters.js';
import {
  assertRunnableOnFargate,
  resolveTaskDefinitionRef,
  TASK_DEFINITION_LOOKUPS,
  type TaskDefinitionRecord,
} from '../domain/task-definition.js';
import { platformVersionOf } from './support/task-request.js';
import { tasksOfService, toWireService } from './wire/service.js';

const FORCE_FOR_STRATEGY =
  'When switching from launch type to capacity provider strategy on an existing service, or making a change to a capacity provider strategy on a service that is already using one, you must force a new deployment.';

export function updateService(ctx: ActionContext, input: Ecs.UpdateServiceRequest): Ecs.UpdateServiceResponse {
  const { scope, deps } = ctx;
  assertValidDesiredCount(input.desiredCount);
  if (input.platformVersion !== undefined) platformVersionOf(input.platformVersion);
  const connector = input.gatewayConnectors !== undefined ? connectorOf(input.gatewayConnectors) : undefined;
  const now = deps.clock.now();
  let gatewaysChanged = false;

  const outcome = deps.store.update(scope, (state) => {
    const cluster = resolveCluster(state, scope, input.cluster);
    const svc = findService(state, cluster, input.service ?? '');
    if (!svc) throw serviceNotFound();
    if (svc.status !== 'ACTIVE') throw serviceNotActive();
    if (usesTaskSets(svc)) {
      if (connector) throw invalidParameter('gatewayConnectors are only supported with the ECS deployment controller.');
      checkTaskSetServiceUpdate(svc, input);
      updateTaskSetService(svc, input);
      return { svc, started: undefined };
    }
    if (input.deploymentController?.type !== undefined && input.deploymentController.type !== 'ECS')
      throw invalidParameter(`Unable to change the deployment controller of a service with a ECS deployment controller.`);
    const primary = svc.deployments.find((d) => d.status === 'PRIMARY')!;

    let changed = Boolean(input.forceNewDeployment);
    let taskDefinitionArn = primary.taskDefinition;
    let newTaskDefinition: TaskDefinitionRecord | undefined;
    if (input.taskDefinition !== undefined) {
      newTaskDefinition = resolveTaskDefinitionRef(state, input.taskDefinition, TASK_DEFINITION_LOOKUPS.createService);
      taskDefinitionArn = newTaskDefinition.taskDefinitionArn;
      if (taskDefinitionArn !== svc.taskDefinition) changed = true;
    }
    let launch: Pick<DeploymentRecord, 'launchType' | 'capacityProviderStrategy'> = {
      launchType: primary.launchType,
      capacityProviderStrategy: primary.capacityProviderStrategy,
    };
    if (input.capacityProviderStrategy !== undefined) {
      if (!input.forceNewDeployment) throw invalidParameter(FORCE_FOR_STRATEGY);
      launch = input.capacityProviderStrategy.length
        ? launchSettingsOf(undefined, input.capacityProviderStrategy, cluster)
        : launchSettingsOf(undefined, undefined, cluster);
    }
    if (newTaskDefinition && launch.launchType !== 'EC2') assertRunnableOnFargate(newTaskDefinition);
    let network = primary.networkConfiguration;
    if (input.networkConfiguration !== undefined) {
      network = networkOf(state, scope, now, input.networkConfiguration, deps.config.defaultVpcCidr);
      if (JSON.stringify(network) !== JSON.stringify(primary.networkConfiguration)) changed = true;
    }
    if (input.platformVersion !== undefined && platformVersionOf(input.platformVersion) !== primary.platformVersion) changed = true;
    if (input.loadBalancers !== undefined || input.serviceRegistries !== undefined || input.serviceConnectConfiguration !== undefined)
      changed = true;
    if (input.gatewayConnectors !== undefined) {
      changed = true;
      svc.gatewayConnector = connector;
      if (!connector) delete svc.gatewayConnector;
    }
    if (input.gatewayConnectors !== undefined || (svc.gatewayConnector && changed)) {
      // The routes follow the connector, the revision's named port and the network (AWS: a new deployment).
      const td = state.taskDefinitions[taskDefinitionArn.slice(taskDefinitionArn.indexOf('/') + 1)];
      const connectReq = { scope, ids: deps.ids, now, svc: { ...svc, networkConfiguration: network }, connector: svc.gatewayConnector, td };
      gatewaysChanged = connectService(state, connectReq);
    }

    if (input.desiredCount !== undefined && input.desiredCount !== svc.desiredCount) {
      svc.desiredCount = input.desiredCount;
      svc.steady = false;
    }
    if (input.deploymentConfiguration !== undefined)
      svc.deploymentConfiguration = deploymentConfigurationOf(input.deploymentConfiguration, svc.deploymentConfiguration);
    if (input.healthCheckGracePeriodSeconds !== undefined) svc.healthCheckGracePeriodSeconds = input.healthCheckGracePeriodSeconds;
    if (input.enableExecuteCommand !== undefined) svc.enableExecuteCommand = input.enableExecuteCommand;
    if (input.enableECSManagedTags !== undefined) svc.enableECSManagedTags = input.enableECSManagedTags;
    if (input.propagateTags !== undefined) svc.propagateTags = input.propagateTags as PropagateTags;
    if (input.availabilityZoneRebalancing !== undefined) svc.availabilityZoneRebalancing = input.availabilityZoneRebalancing;
    if (input.loadBalancers !== undefined) {
      const td = state.taskDefinitions[taskDefinitionArn.slice(taskDefinitionArn.indexOf('/') + 1)];
      if (td) checkServiceLoadBalancers(state, input.loadBalancers, td, undefined);
      checkAdvancedConfiguration(state, input.loadBalancers as Record<string, unknown>[]);
      svc.loadBalancers = structuredClone(input.loadBalancers) as Record<string, unknown>[];
    }
    if (input.serviceRegistries !== undefined) {
      const td = state.taskDefinitions[taskDefinitionArn.slice(taskDefinitionArn.indexOf('/') + 1)];
      if (td) checkServiceRegistries(state, input.serviceRegistries, td);
    }
    if (input.serviceRegistries !== undefined)
      svc.serviceRegistries = structuredClone(input.serviceRegistries) as Record<string, unknown>[];
    if (input.serviceConnectConfiguration !== undefined || (svc.serviceConnect && taskDefinitionArn !== svc.taskDefinition)) {
      const connect = (structuredClone(input.serviceConnectConfiguration) ?? svc.serviceConnectConfiguration) as Record<string, unknown>;
      const td = state.taskDefinitions[taskDefinitionArn.slice(taskDefinitionArn.indexOf('/') + 1)];
      const serviceConnect = td
        ? applyServiceConnect(
            state,
            scope,
            connect,
            cluster.serviceConnectDefaults?.namespace,
            td,
            svc.serviceArn,
            () => newServiceId(deps.ids),
            now,
          )
        : undefined;
      svc.serviceConnectConfiguration = connect;
      svc.serviceConnect = serviceConnect;
      svc.namespace = serviceConnect?.namespaceArn;
    }
    if (!changed) {
      primary.desiredCount = svc.desiredCount;
      primary.updatedAt = now;
      return { svc, started: undefined };
    }
    const deployment = newDeployment({
      ids: deps.ids,
      now,
      taskDefinitionArn,
      desiredCount: svc.desiredCount,
      launch,
      platformVersion: input.platformVersion ?? primary.platformVersion,
      network,
    });
    if (svc.serviceConnect) {
      deployment.serviceConnectConfiguration = {
        ...structuredClone(svc.serviceConnectConfiguration),
        namespace: svc.serviceConnect.namespaceArn,
      };
      deployment.serviceConnectResources = serviceConnectResources(svc.serviceConnect);
    }
    const strategy = svc.deploymentConfiguration.strategy;
    if (isTrafficShifting(strategy)) {
      // Blue/green: the new revision's tasks go in the target groups the serving (last completed) ones are not in.
      // One in progress is superseded: its traffic goes back to the serving revision first.
      if (primary.blueGreen && !primary.blueGreen.finished) {
        restoreBlueTraffic(state, svc, primary);
        primary.blueGreen.finished = true;
      }
      const serving = svc.deployments.find((d) => d.rolloutState === 'COMPLETED') ?? primary;
      deployment.alternate = !serving.alternate;
      deployment.blueGreen = newBlueGreenProgress(strategy, now, svc.deployments.length > 1);
    }
    primary.status = 'ACTIVE';
    primary.updatedAt = now;
    svc.deployments = [deployment, ...svc.deployments];
    recordServiceDeployment(state, scope, svc, deployment, deps.ids, now);
    svc.steady = false;
    // A new deployment ends any launch throttling (AWS: "After the service is updated ... resumes normal behavior").
    delete svc.launchFailures;
    delete svc.launchNotBefore;
    svc.taskDefinition = taskDefinitionArn;
    svc.launchType = launch.launchType;
    svc.capacityProviderStrategy = launch.capacityProviderStrategy;
    svc.networkConfiguration = network;
    if (input.platformVersion !== undefined) svc.platformVersion = input.platformVersion;
    return { svc, started: deployment };
  });

  const { svc, started } = outcome;
  if (started) {
    deps.services.announce(scope, svc, {
      kind: 'deployment',
      deploymentId: started.id,
      eventName: 'SERVICE_DEPLOYMENT_IN_PROGRESS',
      reason: rolloutReasons.inProgress(started.id),
    });
  }
  deps.services.poke(scope, svc.clusterName, svc.serviceName);
  if (started?.blueGreen || gatewaysChanged) void deps.loadBalancing?.changed(scope);
  return { service: deps.store.read(scope, (state) => toWireService(svc, tasksOfService(state, svc))) };
}

/** The fields a task set service takes from UpdateService (checkTaskSetServiceUpdate refused the others). */
function updateTaskSetService(svc: ServiceRecord, input: Ecs.UpdateServiceRequest): void {
  if (input.desiredCount !== undefined && input.desiredCount !== svc.desiredCount) {
    svc.desiredCount = input.desiredCount;
    svc.steady = false;
  }
  if (input.deploymentConfiguration !== undefined)
    svc.deploymentConfiguration = deploymentConfigurationOf(input.deploymentConfiguration, svc.deploymentConfiguration);
  if (input.healthCheckGracePeriodSeconds !== undefined) svc.healthCheckGracePeriodSeconds = input.healthCheckGracePeriodSeconds;
  if (input.enableExecuteCommand !== undefined) svc.enableExecuteCommand = input.enableExecuteCommand;
  if (input.enableECSManagedTags !== undefined) svc.enableECSManagedTags = input.enableECSManagedTags;
  if (input.propagateTags !== undefined) svc.propagateTags = input.propagateTags as PropagateTags;
  if (input.availabilityZoneRebalancing !== undefined) svc.availabilityZoneRebalancing = input.availabilityZoneRebalancing;
}
