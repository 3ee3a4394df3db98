import type * as Ecs from '@aws-sdk/client-ecs';
import { assignProviders } from '../domain/capacity-provider-placement.js';
import { invalidParameter } from '../domain/errors.js';
import { CAPACITY_UNAVAILABLE } from '../domain/faults.js';
import { ensureDefaultVpc } from '../domain/network/network-state.js';
import { resolveAwsvpcConfiguration } from '../domain/network/awsvpc-configuration.js';
import { newTask } from '../domain/task-factory.js';
import type { ActionContext } from './context.js';
import { ensureCluster } from '../store/clusters.js';
import { assertRunnableOnFargate, resolveTaskDefinitionRef, TASK_DEFINITION_LOOKUPS } from '../domain/task-definition.js';
import { fargateStrategyOf, platformVersionOf, taskTagsOf } from './support/task-request.js';
import { toWireTask } from './wire/task.js';

const MAX_COUNT = 10;

export function runTask(ctx: ActionContext, input: Ecs.RunTaskRequest): Ecs.RunTaskResponse {
  const { scope, deps } = ctx;
  const count = input.count ?? 1;
  if (count < 1 || count > MAX_COUNT) throw invalidParameter(`Count must be between 1 and ${MAX_COUNT}.`);
  if (input.launchType && input.capacityProviderStrategy?.length) {
    throw invalidParameter('Specifying both a launch type and capacity provider strategy is not supported. Remove one and try again.');
  }
  const platformVersion = platformVersionOf(input.platformVersion);
  const now = deps.clock.now();
  const created = deps.store.update(scope, (state) => {
    const cluster = ensureCluster(state, scope, input.cluster, now);
    const td = resolveTaskDefinitionRef(state, input.taskDefinition!, TASK_DEFINITION_LOOKUPS.runTask);
    // No launch type and no strategy anywhere means EC2, as on AWS: "No Container Instances were found in your cluster."
    const strategy = fargateStrategyOf(input.launchType, input.capacityProviderStrategy, cluster);
    assertRunnableOnFargate(td);
    for (const co of input.overrides?.containerOverrides ?? []) {
      if (!td.containerDefinitions.some((d) => d.name === co.name)) {
        throw invalidParameter(`Override for container named ${co.name} is not a container in the TaskDefinition.`);
      }
    }
    ensureDefaultVpc(state, scope, now, deps.config.defaultVpcCidr);
    const network = resolveAwsvpcConfiguration(state, input.networkConfiguration?.awsvpcConfiguration);
    const providers = assignProviders(strategy, count);
    if (providers.length < count) throw invalidParameter('The capacity provider strategy has no provider with a weight greater than 0.');
    const tags = taskTagsOf(state, input, td.taskDefinitionArn, cluster.clusterName);
    // A provider without capacity (a fault) places nothing: those tasks come back as failures, as on AWS.
    const failures = providers.filter((p) => !deps.faults.capacityAvailable(p)).map(() => ({ reason: CAPACITY_UNAVAILABLE }));
    const placed = providers.filter((p) => deps.faults.capacityAvailable(p));
    const tasks = placed.map((provider, i) => {
      const task = newTask(
        {
          scope,
          clusterName: cluster.clusterName,
          clusterArn: cluster.clusterArn,
          taskDefinition: td,
          overrides: input.overrides,
          capacityProviderName: provider as 'FARGATE' | 'FARGATE_SPOT',
          platformVersion,
          startedBy: input.startedBy,
          group: input.group,
          referenceId: input.referenceId,
          enableExecuteCommand: input.enableExecuteCommand ?? false,
          subnet: network.subnets[i % network.subnets.length]!,
          securityGroups: network.securityGroups,
          assignPublicIp: network.assignPublicIp,
          now,
        },
        deps.ids,
      );
      state.tasks[task.taskId] = task;
      if (tags.length) state.tags[task.taskArn] = tags;
      return { task, tags };
    });
    return { tasks, failures };
  });
  for (const { task } of created.tasks) deps.tasks.submit(scope, task.taskId);
  return { tasks: created.tasks.map(({ task, tags }) => toWireTask(task, tags)), failures: created.failures };
}
