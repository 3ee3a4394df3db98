import type * as Ecs from '@aws-sdk/client-ecs';
import { serviceNotActive } from '../domain/errors.js';
import { assertHealthCheckPath, type ExpressConfigurationRecord, scalingTargetOf, toWireConfiguration } from '../domain/express-gateway.js';
import type { ActionContext } from './context.js';
import { expressTaskDefinition } from './create-express-gateway-service.js';
import { applyExpressScaling } from './support/express-scaling.js';
import { ecsServiceOf, findExpressService, latestServiceDeployment } from './support/express-service.js';
import { updateService } from './update-service.js';

/**
 * A new configuration: a new task definition revision when the container, size or roles change (a rolling
 * deployment of the ECS service), the target group's health check path, the network, and the scaling target: the
 * Application Auto Scaling bounds (which move the task count into them) and the target tracking policy.
 */
export async function updateExpressGatewayService(
  ctx: ActionContext,
  input: Ecs.UpdateExpressGatewayServiceRequest,
): Promise<Ecs.UpdateExpressGatewayServiceResponse> {
  const { scope, deps } = ctx;
  const now = deps.clock.now();
  const record = deps.store.read(scope, (state) => findExpressService(state, input.serviceArn!));
  if (record.status !== 'ACTIVE') throw serviceNotActive();
  const current = record.configurations[0]!;
  if (input.healthCheckPath !== undefined) assertHealthCheckPath(input.healthCheckPath);
  const scalingTarget = scalingTargetOf(input.scalingTarget, current.scalingTarget);
  const newTaskDefinition =
    input.primaryContainer !== undefined ||
    input.taskDefinitionArn !== undefined ||
    input.cpu !== undefined ||
    input.memory !== undefined ||
    input.cpuArchitecture !== undefined ||
    input.executionRoleArn !== undefined ||
    input.taskRoleArn !== undefined;
  const primaryContainer = input.primaryContainer ? { ...current.primaryContainer, ...input.primaryContainer } : current.primaryContainer;
  const td = newTaskDefinition
    ? expressTaskDefinition(ctx, record.serviceName, {
        taskDefinitionArn: input.taskDefinitionArn,
        primaryContainer: input.taskDefinitionArn && !input.primaryContainer ? undefined : primaryContainer,
        cpu: input.cpu ?? current.cpu,
        memory: input.memory ?? current.memory,
        cpuArchitecture: (input.cpuArchitecture ?? current.cpuArchitecture) as Ecs.ExpressCpuArchitecture,
        executionRoleArn: input.executionRoleArn ?? current.executionRoleArn,
        taskRoleArn: input.taskRoleArn ?? current.taskRoleArn,
      })
    : undefined;
  const network = {
    subnets: input.networkConfiguration?.subnets ?? current.networkConfiguration.subnets,
    securityGroups: input.networkConfiguration?.securityGroups ?? current.networkConfiguration.securityGroups,
  };
  updateService(ctx, {
    cluster: record.clusterName,
    service: record.serviceName,
    ...(td ? { taskDefinition: td.taskDefinitionArn } : {}),
    ...(input.networkConfiguration ? { networkConfiguration: { awsvpcConfiguration: { ...network, assignPublicIp: 'ENABLED' } } } : {}),
  });
  // New bounds move the desired count into them (a scaling activity records it); the policy follows the metric.
  const scaling = applyExpressScaling(ctx, record, scalingTarget);
  const answer = deps.store.update(scope, (state) => {
    const r = findExpressService(state, input.serviceArn!);
    Object.assign(r.managed, scaling);
    const healthCheckPath = input.healthCheckPath ?? current.healthCheckPath;
    const tg = state.targetGroups[r.managed.targetGroupArn];
    if (tg) tg.healthCheck.path = healthCheckPath;
    const svc = ecsServiceOf(state, r)!;
    const configuration: ExpressConfigurationRecord = {
      ...current,
      serviceRevisionArn: latestServiceDeployment(state, svc)?.targetServiceRevisionArn,
      ...(td ? { taskDefinitionArn: td.taskDefinitionArn, cpu: td.cpu, memory: td.memory } : {}),
      ...(input.executionRoleArn ? { executionRoleArn: input.executionRoleArn } : {}),
      ...(input.taskRoleArn ? { taskRoleArn: input.taskRoleArn } : {}),
      ...(input.cpuArchitecture ? { cpuArchitecture: input.cpuArchitecture } : {}),
      ...(primaryContainer ? { primaryContainer } : {}),
      networkConfiguration: network,
      healthCheckPath,
      scalingTarget,
      createdAt: now,
    };
    r.configurations = [configuration, ...r.configurations];
    r.updatedAt = now;
    return {
      service: {
        serviceArn: r.serviceArn,
        cluster: r.clusterArn,
        serviceName: r.serviceName,
        status: { statusCode: r.status },
        targetConfiguration: toWireConfiguration(configuration, r.endpointHost),
        createdAt: new Date(r.createdAt),
        updatedAt: new Date(now),
      },
    };
  });
  // The load balancers' data plane follows the new listener, rule and target group before the answer.
  await deps.loadBalancing?.changed(scope);
  return answer;
}
