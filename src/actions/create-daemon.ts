import type * as Ecs from '@aws-sdk/client-ecs';
import { daemonArn } from '../domain/arn.js';
import { type DaemonRecord, daemonDeploymentConfigurationOf } from '../domain/daemon.js';
import { invalidParameter } from '../domain/errors.js';
import { validateTags } from '../domain/tags.js';
import { resolveCluster } from '../store/clusters.js';
import type { ActionContext } from './context.js';
import { activeDaemonTaskDefinition, managedInstancesProviders, startDaemonDeployment, toWireDaemonChange } from './support/daemons.js';

const NAME_RE = /^[a-zA-Z0-9_-]{1,255}$/;

/** A daemon over Managed Instances capacity providers of one cluster; its first deployment completes at once. */
export function createDaemon(ctx: ActionContext, input: Ecs.CreateDaemonRequest): Ecs.CreateDaemonResponse {
  const { scope, deps } = ctx;
  const name = input.daemonName!;
  if (!NAME_RE.test(name)) {
    throw invalidParameter('Daemon name must be up to 255 letters (uppercase and lowercase), numbers, underscores, and hyphens.');
  }
  const tags = validateTags(input.tags ?? []);
  const now = deps.clock.now();
  return deps.store.update(scope, (state) => {
    const cluster = resolveCluster(state, scope, input.clusterArn);
    const arn = daemonArn(scope, cluster.clusterName, name);
    if (state.daemons[arn]?.status === 'ACTIVE') throw invalidParameter(`A daemon named ${name} already exists in the cluster.`);
    const td = activeDaemonTaskDefinition(state, input.daemonTaskDefinitionArn!);
    const capacityProviderArns = managedInstancesProviders(state, cluster.clusterName, input.capacityProviderArns ?? []);
    const daemon: DaemonRecord = {
      daemonArn: arn,
      daemonName: name,
      clusterArn: cluster.clusterArn,
      clusterName: cluster.clusterName,
      status: 'ACTIVE',
      daemonTaskDefinitionArn: td.daemonTaskDefinitionArn,
      capacityProviderArns,
      deploymentConfiguration: daemonDeploymentConfigurationOf(input.deploymentConfiguration),
      propagateTags: input.propagateTags ?? 'NONE',
      enableECSManagedTags: input.enableECSManagedTags ?? false,
      enableExecuteCommand: input.enableExecuteCommand ?? false,
      critical: input.critical ?? false,
      revisionArn: '',
      deploymentArn: '',
      createdAt: now,
      updatedAt: now,
    };
    state.daemons[arn] = daemon;
    startDaemonDeployment(state, scope, state.daemons[arn]!, daemon, deps.ids, now);
    if (tags.length) state.tags[arn] = tags;
    const { updatedAt: _u, ...answer } = toWireDaemonChange(state.daemons[arn]!);
    return answer;
  });
}
