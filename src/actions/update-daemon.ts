import type * as Ecs from '@aws-sdk/client-ecs';
import { daemonDeploymentConfigurationOf } from '../domain/daemon.js';
import { invalidParameter } from '../domain/errors.js';
import type { ActionContext } from './context.js';
import {
  activeDaemonTaskDefinition,
  findDaemon,
  managedInstancesProviders,
  startDaemonDeployment,
  toWireDaemonChange,
} from './support/daemons.js';

/** A new revision and its deployment (complete at once: no instance runs the daemon). */
export function updateDaemon(ctx: ActionContext, input: Ecs.UpdateDaemonRequest): Ecs.UpdateDaemonResponse {
  const { scope, deps } = ctx;
  const now = deps.clock.now();
  return deps.store.update(scope, (state) => {
    const daemon = findDaemon(state, input.daemonArn!);
    if (daemon.status !== 'ACTIVE') throw invalidParameter('The daemon is being deleted and cannot be updated.');
    const td = activeDaemonTaskDefinition(state, input.daemonTaskDefinitionArn!);
    startDaemonDeployment(
      state,
      scope,
      daemon,
      {
        daemonTaskDefinitionArn: td.daemonTaskDefinitionArn,
        capacityProviderArns: managedInstancesProviders(state, daemon.clusterName, input.capacityProviderArns ?? []),
        deploymentConfiguration: daemonDeploymentConfigurationOf(input.deploymentConfiguration, daemon.deploymentConfiguration),
        propagateTags: input.propagateTags ?? daemon.propagateTags,
        enableECSManagedTags: input.enableECSManagedTags ?? daemon.enableECSManagedTags,
        enableExecuteCommand: input.enableExecuteCommand ?? daemon.enableExecuteCommand,
        critical: input.critical ?? daemon.critical,
      },
      deps.ids,
      now,
    );
    return toWireDaemonChange(daemon);
  });
}
