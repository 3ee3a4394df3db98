import type * as Ecs from '@aws-sdk/client-ecs';
import { serviceArn as serviceArnOf } from '../domain/arn.js';
import { assertValidServiceName } from '../domain/ecs-service.js';
import { invalidParameter } from '../domain/errors.js';
import {
  assertHealthCheckPath,
  EXPRESS_DEFAULTS,
  type ExpressConfigurationRecord,
  type ExpressServiceRecord,
  endpointHostOf,
  PRIMARY_CONTAINER_NAME,
  scalingTargetOf,
  serviceNameFromImage,
} from '../domain/express-gateway.js';
import { ensureDefaultVpc } from '../domain/network/network-state.js';
import { defaultVpc } from '../domain/network/vpc.js';
import { ensureCluster } from '../store/clusters.js';
import type { ActionContext } from './context.js';
import { createService } from './create-service.js';
import { registerTaskDefinition } from './register-task-definition.js';
import { createExpressInfrastructure, removeExpressInfrastructure } from './support/express-gateway.js';
import { applyExpressScaling } from './support/express-scaling.js';
import { ecsServiceOf, latestServiceDeployment, toWireExpressService } from './support/express-service.js';

/**
 * Registers the task definition (unless one is given), creates the load balancing and security groups in the
 * emulator's ELBv2 and EC2 state, then the ECS service on Fargate with minTaskCount tasks behind the target group,
 * and its Application Auto Scaling target (minTaskCount..maxTaskCount) and target tracking policy.
 */
export async function createExpressGatewayService(
  ctx: ActionContext,
  input: Ecs.CreateExpressGatewayServiceRequest,
): Promise<Ecs.CreateExpressGatewayServiceResponse> {
  const { scope, deps } = ctx;
  if (!input.primaryContainer && !input.taskDefinitionArn) {
    throw invalidParameter('Either primaryContainer or taskDefinitionArn must be specified.');
  }
  const name = input.serviceName ?? serviceNameFromImage(input.primaryContainer?.image ?? 'service', deps.ids.hex32());
  assertValidServiceName(name);
  const healthCheckPath = input.healthCheckPath ?? EXPRESS_DEFAULTS.healthCheckPath;
  assertHealthCheckPath(healthCheckPath);
  const scalingTarget = scalingTargetOf(input.scalingTarget);
  const now = deps.clock.now();
  const cluster = deps.store.update(scope, (state) => ensureCluster(state, scope, input.cluster, now));
  const serviceArn = serviceArnOf(scope, cluster.clusterName, name);
  const existing = deps.store.read(scope, (state) => state.expressServices?.[serviceArn]);
  if (existing?.status === 'ACTIVE') throw invalidParameter(`An Express service named ${name} already exists in the cluster.`);

  const config = expressTaskDefinition(ctx, name, input);
  const endpointHost = endpointHostOf(name, deps.ids.hex32(), scope.region);
  const infra = deps.store.update(scope, (state) => {
    ensureDefaultVpc(state, scope, now, deps.config.defaultVpcCidr);
    const subnets = input.networkConfiguration?.subnets?.length
      ? input.networkConfiguration.subnets
      : defaultVpc(scope, now, deps.config.defaultVpcCidr).subnets.map((s) => s.subnetId);
    const first = state.subnets[subnets[0]!];
    if (!first) throw invalidParameter(`The subnet ID '${subnets[0]}' does not exist.`);
    const { managed, taskSecurityGroups } = createExpressInfrastructure(state, {
      scope,
      ids: deps.ids,
      now,
      serviceArn,
      vpcId: first.vpcId,
      containerPort: config.containerPort,
      healthCheckPath,
      endpointHost,
      securityGroups: input.networkConfiguration?.securityGroups ?? [],
    });
    return { managed, subnets, securityGroups: taskSecurityGroups };
  });
  const record: ExpressServiceRecord = {
    serviceArn,
    serviceName: name,
    clusterArn: cluster.clusterArn,
    clusterName: cluster.clusterName,
    infrastructureRoleArn: input.infrastructureRoleArn!,
    status: 'ACTIVE',
    configurations: [],
    endpointHost,
    managed: infra.managed,
    createdAt: now,
    updatedAt: now,
  };
  try {
    createService(ctx, {
      cluster: cluster.clusterName,
      serviceName: name,
      taskDefinition: config.taskDefinitionArn,
      desiredCount: scalingTarget.minTaskCount,
      launchType: 'FARGATE',
      networkConfiguration: {
        awsvpcConfiguration: { subnets: infra.subnets, securityGroups: infra.securityGroups, assignPublicIp: 'ENABLED' },
      },
      loadBalancers: [
        { targetGroupArn: infra.managed.targetGroupArn, containerName: config.containerName, containerPort: config.containerPort },
      ],
      deploymentConfiguration: {
        minimumHealthyPercent: 100,
        maximumPercent: 200,
        deploymentCircuitBreaker: { enable: true, rollback: true },
      },
      enableECSManagedTags: true,
      propagateTags: 'SERVICE',
      ...(input.tags?.length ? { tags: input.tags } : {}),
    });
  } catch (err) {
    deps.store.update(scope, (state) => removeExpressInfrastructure(state, record));
    throw err;
  }
  // The Application Auto Scaling target and target tracking policy (gone with the ECS service when it is deleted).
  Object.assign(record.managed, applyExpressScaling(ctx, record, scalingTarget));
  const answer = deps.store.update(scope, (state) => {
    const svc = ecsServiceOf(state, record)!;
    const configuration: ExpressConfigurationRecord = {
      serviceRevisionArn: latestServiceDeployment(state, svc)?.targetServiceRevisionArn,
      taskDefinitionArn: config.taskDefinitionArn,
      ...(input.executionRoleArn ? { executionRoleArn: input.executionRoleArn } : {}),
      ...(input.taskRoleArn ? { taskRoleArn: input.taskRoleArn } : {}),
      cpu: config.cpu,
      memory: config.memory,
      cpuArchitecture: input.cpuArchitecture ?? EXPRESS_DEFAULTS.cpuArchitecture,
      networkConfiguration: { subnets: [...infra.subnets], securityGroups: [...infra.securityGroups] },
      healthCheckPath,
      ...(input.primaryContainer ? { primaryContainer: { containerPort: config.containerPort, ...input.primaryContainer } } : {}),
      scalingTarget,
      createdAt: now,
    };
    record.configurations = [configuration];
    state.expressServices[serviceArn] = record;
    return { service: toWireExpressService(state, record, true) };
  });
  // The load balancers' data plane follows the new listener, rule and target group before the answer.
  await deps.loadBalancing?.changed(scope);
  return answer;
}

interface ExpressTaskDefinition {
  taskDefinitionArn: string;
  containerName: string;
  containerPort: number;
  cpu: string;
  memory: string;
}

/** The task definition the service runs: the one given, or a new revision of family `<serviceName>` for the container. */
export function expressTaskDefinition(
  ctx: ActionContext,
  family: string,
  input: Pick<
    Ecs.CreateExpressGatewayServiceRequest,
    'taskDefinitionArn' | 'primaryContainer' | 'cpu' | 'memory' | 'cpuArchitecture' | 'executionRoleArn' | 'taskRoleArn'
  >,
): ExpressTaskDefinition {
  if (input.taskDefinitionArn && !input.primaryContainer) {
    const td = ctx.deps.store.read(ctx.scope, (state) => {
      const key = input.taskDefinitionArn!.split('/').pop()!;
      return (
        state.taskDefinitions[key] ?? Object.values(state.taskDefinitions).find((t) => t.taskDefinitionArn === input.taskDefinitionArn)
      );
    });
    if (!td) throw invalidParameter('The specified task definition does not exist.');
    const main = td.containerDefinitions.find((c) => c.portMappings?.length) ?? td.containerDefinitions[0]!;
    return {
      taskDefinitionArn: td.taskDefinitionArn,
      containerName: main.name!,
      containerPort: main.portMappings?.[0]?.containerPort ?? EXPRESS_DEFAULTS.containerPort,
      cpu: td.cpu ?? EXPRESS_DEFAULTS.cpu,
      memory: td.memory ?? EXPRESS_DEFAULTS.memory,
    };
  }
  const c = input.primaryContainer!;
  const containerPort = c.containerPort ?? EXPRESS_DEFAULTS.containerPort;
  const cpu = input.cpu ?? EXPRESS_DEFAULTS.cpu;
  const memory = input.memory ?? EXPRESS_DEFAULTS.memory;
  const { taskDefinition } = registerTaskDefinition(ctx, {
    family,
    networkMode: 'awsvpc',
    requiresCompatibilities: ['FARGATE'],
    cpu,
    memory,
    runtimePlatform: { cpuArchitecture: input.cpuArchitecture ?? EXPRESS_DEFAULTS.cpuArchitecture, operatingSystemFamily: 'LINUX' },
    ...(input.executionRoleArn ? { executionRoleArn: input.executionRoleArn } : {}),
    ...(input.taskRoleArn ? { taskRoleArn: input.taskRoleArn } : {}),
    containerDefinitions: [
      {
        name: PRIMARY_CONTAINER_NAME,
        image: c.image,
        essential: true,
        portMappings: [{ containerPort, protocol: 'tcp' }],
        ...(c.command ? { command: c.command } : {}),
        ...(c.environment ? { environment: c.environment } : {}),
        ...(c.secrets ? { secrets: c.secrets } : {}),
        ...(c.repositoryCredentials ? { repositoryCredentials: c.repositoryCredentials as Ecs.RepositoryCredentials } : {}),
        ...(c.awsLogsConfiguration && input.executionRoleArn
          ? {
              logConfiguration: {
                logDriver: 'awslogs',
                options: {
                  'awslogs-group': c.awsLogsConfiguration.logGroup ?? `/aws/ecs/${family}`,
                  'awslogs-stream-prefix': c.awsLogsConfiguration.logStreamPrefix ?? 'ecs',
                  'awslogs-region': ctx.scope.region,
                },
              },
            }
          : {}),
      },
    ],
  });
  return { taskDefinitionArn: taskDefinition!.taskDefinitionArn!, containerName: PRIMARY_CONTAINER_NAME, containerPort, cpu, memory };
}
