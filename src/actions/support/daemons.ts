// What the daemon operations share: finding daemons, daemon task definitions and capacity providers, starting a
// daemon deployment, and the wire shapes.
import type * as Ecs from '@aws-sdk/client-ecs';
import { daemonDeploymentArn, daemonRevisionArn, isArn, parseArn } from '../../domain/arn.js';
import {
  type DaemonDeploymentRecord,
  type DaemonRecord,
  type DaemonRevisionRecord,
  type DaemonSettings,
  type DaemonTaskDefinitionRecord,
  emptyCapacity,
  NO_INSTANCES_REASON,
} from '../../domain/daemon.js';
import { clientException, invalidParameter, resourceNotFound } from '../../domain/errors.js';
import type { Ids } from '../../domain/ports.js';
import type { Scope } from '../../domain/scope.js';
import { serviceDeploymentIdFrom } from '../../domain/service-deployment.js';
import type { RegionState } from '../../store/schema.js';

export function findDaemon(state: Readonly<RegionState>, arn: string): DaemonRecord {
  const daemon = state.daemons?.[arn];
  if (!daemon) throw resourceNotFound('The specified daemon does not exist.');
  return daemon;
}

/** `family`, `family:revision` or an ARN; a bare family means its latest ACTIVE revision. */
export function findDaemonTaskDefinition(state: Readonly<RegionState>, ref: string): DaemonTaskDefinitionRecord | undefined {
  let key = ref;
  if (isArn(ref)) {
    const parsed = parseArn(ref);
    if (parsed?.resourceType !== 'daemon-task-definition') return undefined;
    key = parsed.resource;
  }
  const all = state.daemonTaskDefinitions ?? {};
  if (key.includes(':')) return all[key];
  return Object.values(all)
    .filter((d) => d.family === key && d.status === 'ACTIVE')
    .sort((a, b) => b.revision - a.revision)[0];
}

export function activeDaemonTaskDefinition(state: Readonly<RegionState>, ref: string): DaemonTaskDefinitionRecord {
  const td = findDaemonTaskDefinition(state, ref);
  if (!td) throw clientException('Daemon task definition not found.');
  if (td.status !== 'ACTIVE') throw clientException('The daemon task definition is being deleted. Use an ACTIVE revision.');
  return td;
}

/** The ARNs of the Managed Instances capacity providers named (names or ARNs), all of `clusterName`. */
export function managedInstancesProviders(state: Readonly<RegionState>, clusterName: string, refs: readonly string[]): string[] {
  if (refs.length === 0) throw invalidParameter('capacityProviderArns cannot be empty.');
  return refs.map((ref) => {
    const name = isArn(ref) ? (parseArn(ref)?.resource ?? '') : ref;
    const provider = state.capacityProviders?.[name];
    if (provider?.status !== 'ACTIVE' || (isArn(ref) && provider.capacityProviderArn !== ref)) {
      throw invalidParameter(`The capacity provider ${ref} was not found.`);
    }
    if (provider.type !== 'MANAGED_INSTANCES') {
      throw invalidParameter(`Daemons run only on Managed Instances capacity providers; ${provider.name} is not one.`);
    }
    if (provider.cluster !== clusterName) {
      throw invalidParameter(`The capacity provider ${provider.name} does not belong to cluster ${clusterName}.`);
    }
    return provider.capacityProviderArn;
  });
}

/** A new revision of the daemon's settings and the deployment that rolls it out (at once: no instance exists). */
export function startDaemonDeployment(
  state: RegionState,
  scope: Scope,
  daemon: DaemonRecord,
  settings: DaemonSettings,
  ids: Ids,
  now: number,
): void {
  state.daemonRevisions ??= {};
  state.daemonDeployments ??= {};
  const td = state.daemonTaskDefinitions[settings.daemonTaskDefinitionArn.split('/').pop()!];
  const revisionArn = daemonRevisionArn(scope, daemon.clusterName, daemon.daemonName, serviceDeploymentIdFrom(ids.hex32()));
  state.daemonRevisions[revisionArn] = {
    ...structuredCopy(settings),
    daemonRevisionArn: revisionArn,
    daemonArn: daemon.daemonArn,
    clusterArn: daemon.clusterArn,
    containerImages: (td?.containerDefinitions ?? []).map((c) => ({ containerName: c.name, image: c.image })),
    createdAt: now,
  };
  const deploymentArn = daemonDeploymentArn(scope, daemon.clusterName, daemon.daemonName, serviceDeploymentIdFrom(ids.hex32()));
  state.daemonDeployments[deploymentArn] = {
    daemonDeploymentArn: deploymentArn,
    daemonArn: daemon.daemonArn,
    clusterArn: daemon.clusterArn,
    targetRevisionArn: revisionArn,
    sourceRevisionArns: daemon.revisionArn ? [daemon.revisionArn] : [],
    capacityProviderArns: [...settings.capacityProviderArns],
    deploymentConfiguration: structuredCopy(settings.deploymentConfiguration),
    status: 'SUCCESSFUL',
    statusReason: NO_INSTANCES_REASON,
    createdAt: now,
  };
  Object.assign(daemon, structuredCopy(settings), { revisionArn, deploymentArn, updatedAt: now });
}

const structuredCopy = <T>(value: T): T => JSON.parse(JSON.stringify(value)) as T;

export function toWireDaemonDeployment(d: DaemonDeploymentRecord, state: Readonly<RegionState>): Ecs.DaemonDeployment {
  const revision = (arn: string) => ({
    arn,
    capacityProviders: emptyCapacity(state.daemonRevisions?.[arn]?.capacityProviderArns ?? d.capacityProviderArns),
    totalRunningInstanceCount: 0,
    totalWithoutDaemonInstanceCount: 0,
    totalDrainingInstanceCount: 0,
  });
  return {
    daemonDeploymentArn: d.daemonDeploymentArn,
    clusterArn: d.clusterArn,
    status: d.status,
    statusReason: d.statusReason,
    targetDaemonRevision: revision(d.targetRevisionArn),
    sourceDaemonRevisions: d.sourceRevisionArns.map(revision),
    circuitBreaker: { status: 'MONITORING_COMPLETE', failureCount: 0, threshold: 3 },
    alarms: { status: d.deploymentConfiguration.alarms?.enable ? 'MONITORING_COMPLETE' : 'DISABLED' },
    deploymentConfiguration: structuredCopy(d.deploymentConfiguration),
    createdAt: new Date(d.createdAt),
    startedAt: new Date(d.createdAt),
    finishedAt: new Date(d.createdAt),
  } as Ecs.DaemonDeployment;
}

export function toWireDaemonDeploymentSummary(d: DaemonDeploymentRecord): Ecs.DaemonDeploymentSummary {
  return {
    daemonDeploymentArn: d.daemonDeploymentArn,
    daemonArn: d.daemonArn,
    clusterArn: d.clusterArn,
    status: d.status,
    statusReason: d.statusReason,
    targetDaemonRevisionArn: d.targetRevisionArn,
    createdAt: new Date(d.createdAt),
    startedAt: new Date(d.createdAt),
    finishedAt: new Date(d.createdAt),
  };
}

export function toWireDaemonRevision(r: DaemonRevisionRecord): Ecs.DaemonRevision {
  return {
    daemonRevisionArn: r.daemonRevisionArn,
    clusterArn: r.clusterArn,
    daemonArn: r.daemonArn,
    daemonTaskDefinitionArn: r.daemonTaskDefinitionArn,
    createdAt: new Date(r.createdAt),
    containerImages: r.containerImages.map((c) => ({ ...c })),
    propagateTags: r.propagateTags as Ecs.DaemonPropagateTags,
    enableECSManagedTags: r.enableECSManagedTags,
    enableExecuteCommand: r.enableExecuteCommand,
    critical: r.critical,
  };
}

export function toWireDaemonTaskDefinition(td: DaemonTaskDefinitionRecord): Ecs.DaemonTaskDefinition {
  const { registeredAt, deleteRequestedAt, ...rest } = td;
  return {
    ...(structuredCopy(rest) as Ecs.DaemonTaskDefinition),
    registeredAt: new Date(registeredAt),
    ...(deleteRequestedAt !== undefined ? { deleteRequestedAt: new Date(deleteRequestedAt) } : {}),
  };
}

export function toWireDaemonDetail(d: DaemonRecord): Ecs.DaemonDetail {
  return {
    daemonArn: d.daemonArn,
    clusterArn: d.clusterArn,
    status: d.status,
    currentRevisions: [
      {
        arn: d.revisionArn,
        capacityProviders: d.capacityProviderArns.map((arn) => ({ arn, runningCount: 0, withoutDaemonCount: 0 })),
        totalRunningCount: 0,
        totalWithoutDaemonCount: 0,
      },
    ],
    deploymentArn: d.deploymentArn,
    createdAt: new Date(d.createdAt),
    updatedAt: new Date(d.updatedAt),
  };
}

/** Create/Update/Delete answer the same few fields. */
export const toWireDaemonChange = (d: DaemonRecord) => ({
  daemonArn: d.daemonArn,
  status: d.status,
  createdAt: new Date(d.createdAt),
  updatedAt: new Date(d.updatedAt),
  deploymentArn: d.deploymentArn,
});
