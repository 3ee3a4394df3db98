// Writing service deployments and revisions when a service starts a deployment, and finding them by ARN.
import { parseArn, serviceDeploymentArn, serviceRevisionArn } from '../../domain/arn.js';
import type { DeploymentRecord, ServiceRecord } from '../../domain/ecs-service.js';
import type { Ids } from '../../domain/ports.js';
import type { Scope } from '../../domain/scope.js';
import {
  isTerminal,
  plainCopy,
  reasons,
  revisionIdOf,
  revisionOf,
  type ServiceDeploymentRecord,
  serviceDeploymentIdFrom,
  viewOf,
} from '../../domain/service-deployment.js';
import type { RegionState } from '../../store/schema.js';

const revisionArnOf = (scope: Scope, svc: ServiceRecord, deploymentId: string) =>
  serviceRevisionArn(scope, svc.clusterName, svc.serviceName, revisionIdOf(deploymentId));

/**
 * Records the service deployment `started` begins (call inside the store.update that adds it to the service).
 * The deployments it replaces are frozen: a completed one as SUCCESSFUL, one still in progress as STOPPED.
 */
export function recordServiceDeployment(
  state: RegionState,
  scope: Scope,
  svc: ServiceRecord,
  started: DeploymentRecord,
  ids: Ids,
  now: number,
): void {
  state.serviceDeployments ??= {};
  state.serviceRevisions ??= {};
  const sources = svc.deployments.filter((d) => d.id !== started.id);
  for (const record of Object.values(state.serviceDeployments)) {
    if (record.serviceArn !== svc.serviceArn || record.final || !sources.some((d) => d.id === record.deploymentId)) continue;
    const view = viewOf(record, svc);
    if (isTerminal(view.status)) record.final = { status: view.status, statusReason: view.statusReason ?? '', at: view.finishedAt ?? now };
    else record.final = { status: 'STOPPED', statusReason: reasons.superseded, at: now };
  }
  const td = state.taskDefinitions[started.taskDefinition.split('/').pop()!];
  const images = (td?.containerDefinitions ?? []).map((c) => ({ containerName: c.name ?? '', image: c.image ?? '' }));
  const targetArn = revisionArnOf(scope, svc, started.id);
  state.serviceRevisions[targetArn] = revisionOf(targetArn, svc, started, images, now);
  const arn = serviceDeploymentArn(scope, svc.clusterName, svc.serviceName, serviceDeploymentIdFrom(ids.hex32()));
  state.serviceDeployments[arn] = {
    serviceDeploymentArn: arn,
    serviceArn: svc.serviceArn,
    clusterArn: svc.clusterArn,
    deploymentId: started.id,
    targetServiceRevisionArn: targetArn,
    sources: sources.map((d) => ({ deploymentId: d.id, serviceRevisionArn: revisionArnOf(scope, svc, d.id) })),
    deploymentConfiguration: plainCopy(svc.deploymentConfiguration),
    createdAt: now,
  };
}

/** The service a service deployment or revision belongs to (by its ARN's `<cluster>/<service>`), if any. */
export function serviceOfArn(state: Readonly<RegionState>, arn: string): ServiceRecord | undefined {
  const parts = parseArn(arn)?.resource.split('/') ?? [];
  return parts.length === 3 ? state.services[`${parts[0]}/${parts[1]}`] : undefined;
}

export function serviceDeploymentsOf(state: Readonly<RegionState>, svc: ServiceRecord): ServiceDeploymentRecord[] {
  return Object.values(state.serviceDeployments ?? {}).filter((r) => r.serviceArn === svc.serviceArn);
}
