// ECS as CodeDeploy uses it, called in-process through ECS's own actions (the table its HTTP API runs):
// DescribeServices for the task sets, CreateTaskSet, UpdateServicePrimaryTaskSet and DeleteTaskSet.
import type * as Ecs from '@aws-sdk/client-ecs';
import type { ActionContext } from '../../actions/context.js';
import { describeServices } from '../../actions/describe-services.js';
import { OPERATIONS } from '../../actions/index.js';
import type { DeploymentRecord } from '../../domain/codedeploy/records.js';
import { EcsError } from '../../domain/errors.js';
import type { EcsTaskSets } from '../engine.js';

/** The service as DescribeServices shows it; undefined when the cluster or service does not exist. */
export function describeEcsService(ctx: ActionContext, clusterName: string, serviceName: string): Ecs.Service | undefined {
  try {
    return describeServices(ctx, { cluster: clusterName, services: [serviceName] }).services?.[0];
  } catch (err) {
    if (err instanceof EcsError) return undefined;
    throw err;
  }
}

async function call<T>(ctx: ActionContext, operation: string, input: object): Promise<T> {
  const action = OPERATIONS[operation];
  if (!action) throw new Error(`ECS ${operation} is not available in this emulator.`);
  return (await action(ctx, input)) as T;
}

const taskSetsOf = (ctx: ActionContext, cluster: string, service: string) => describeEcsService(ctx, cluster, service)?.taskSets ?? [];

export const ecsTaskSets: EcsTaskSets = {
  primaryTaskSet(ctx, cluster, service) {
    const primary = taskSetsOf(ctx, cluster, service).find((ts) => ts.status === 'PRIMARY');
    if (!primary?.id) return undefined;
    return {
      taskSetId: primary.id,
      targetGroupArn: primary.loadBalancers?.[0]?.targetGroupArn,
      taskDefinition: primary.taskDefinition ?? '',
    };
  },

  async createTaskSet(ctx, d: DeploymentRecord, targetGroupArn) {
    const { clusterName: cluster, serviceName: service } = d.target;
    const blue = taskSetsOf(ctx, cluster, service).find((ts) => ts.id === d.target.blueTaskSetId);
    const spec = d.appSpec;
    const placement = spec.capacityProviderStrategy
      ? { capacityProviderStrategy: spec.capacityProviderStrategy }
      : blue?.capacityProviderStrategy?.length
        ? { capacityProviderStrategy: blue.capacityProviderStrategy }
        : { launchType: blue?.launchType ?? 'FARGATE' };
    const networkConfiguration = spec.networkConfiguration ?? blue?.networkConfiguration;
    const platformVersion = spec.platformVersion ?? blue?.platformVersion;
    const answer = await call<Ecs.CreateTaskSetResponse>(ctx, 'CreateTaskSet', {
      cluster,
      service,
      externalId: d.deploymentId,
      taskDefinition: spec.taskDefinition,
      loadBalancers: [{ targetGroupArn, containerName: spec.containerName, containerPort: spec.containerPort }],
      ...(networkConfiguration ? { networkConfiguration } : {}),
      ...(platformVersion ? { platformVersion } : {}),
      ...placement,
      scale: { unit: 'PERCENT', value: 100 },
    });
    return answer.taskSet!.id!;
  },

  stability(ctx, cluster, service, taskSetId) {
    const ts = taskSetsOf(ctx, cluster, service).find((t) => t.id === taskSetId);
    if (!ts) return undefined;
    return ts.stabilityStatus === 'STEADY_STATE' ? 'STEADY_STATE' : 'STABILIZING';
  },

  async setPrimary(ctx, cluster, service, taskSetId) {
    await call(ctx, 'UpdateServicePrimaryTaskSet', { cluster, service, primaryTaskSet: taskSetId });
  },

  async deleteTaskSet(ctx, cluster, service, taskSetId) {
    await call(ctx, 'DeleteTaskSet', { cluster, service, taskSet: taskSetId, force: true });
  },
};
