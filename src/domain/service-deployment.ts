// Service deployments and service revisions (ListServiceDeployments, DescribeServiceDeployments,
// DescribeServiceRevisions, StopServiceDeployment) for services on the rolling (ECS) deployment controller.
//
// Each deployment a service starts (CreateService, or an UpdateService that changes what runs) is one service
// deployment, whose target is a service revision: the configuration the deployment's tasks run with. The record
// is written when the deployment starts and frozen when it ends for a reason only the request knows (a newer
// deployment supersedes it, StopServiceDeployment rolls it back). Everything else, the status while it runs and
// how it ends (SUCCESSFUL, a circuit-breaker stop or rollback), is read from the service's current deployments:
//
//   service deployment of d          status
//   d PRIMARY, IN_PROGRESS            IN_PROGRESS
//   d COMPLETED                       SUCCESSFUL (finishedAt when it completed)
//   d FAILED, a source revision       ROLLBACK_IN_PROGRESS, then ROLLBACK_SUCCESSFUL once that deployment completes
//     is PRIMARY again (rollback)
//   d FAILED, no rollback             STOPPED (circuit breaker)
//   superseded while IN_PROGRESS      STOPPED
import { toWireGatewayConnector } from './gateway-route.js';
import type * as Ecs from '@aws-sdk/client-ecs';
import type { BlueGreenProgress } from './blue-green.js';
import type { DeploymentRecord, ServiceRecord } from './ecs-service.js';

export type ServiceDeploymentStatus = Ecs.ServiceDeploymentStatus;

export interface ServiceRevisionRecord {
  serviceRevisionArn: string;
  serviceArn: string;
  clusterArn: string;
  /** The `ecs-svc/...` deployment whose tasks run this revision. */
  deploymentId: string;
  taskDefinition: string;
  launchType?: string;
  capacityProviderStrategy?: Ecs.CapacityProviderStrategyItem[];
  platformVersion: string;
  platformFamily: string;
  networkConfiguration: Ecs.NetworkConfiguration;
  loadBalancers: Record<string, unknown>[];
  serviceRegistries: Record<string, unknown>[];
  serviceConnectConfiguration?: Record<string, unknown>;
  gatewayConnectors?: Ecs.GatewayConnector[];
  containerImages: { containerName: string; image: string; imageDigest?: string }[];
  createdAt: number;
}

export interface ServiceDeploymentRecord {
  serviceDeploymentArn: string;
  serviceArn: string;
  clusterArn: string;
  deploymentId: string;
  targetServiceRevisionArn: string;
  /** The revisions running when it started (the deployments it replaces), with their deployment ids. */
  sources: { serviceRevisionArn: string; deploymentId: string }[];
  deploymentConfiguration: ServiceRecord['deploymentConfiguration'];
  createdAt: number;
  /** Set when the end was decided by a request (superseded, stopped); otherwise read from the service. */
  final?: { status: ServiceDeploymentStatus; statusReason: string; at: number };
  /** A rollback asked for with StopServiceDeployment. */
  stopRequested?: { at: number };
  /** Its lifecycle stage and hooks (blue/green, linear, canary), kept once its deployment left the service. */
  blueGreen?: BlueGreenProgress;
}

/** Keeps the blue/green progress of deployments about to leave the service on their service deployments. */
export function keepBlueGreenProgress(
  records: Record<string, ServiceDeploymentRecord> | undefined,
  svc: ServiceRecord,
  leaving: readonly DeploymentRecord[],
): void {
  const byId = new Map(leaving.filter((d) => d.blueGreen).map((d) => [d.id, d.blueGreen!]));
  if (byId.size === 0 || !records) return;
  for (const r of Object.values(records)) {
    const bg = r.serviceArn === svc.serviceArn ? byId.get(r.deploymentId) : undefined;
    if (bg) r.blueGreen = plainCopy(bg);
  }
}

export interface ServiceDeploymentView {
  status: ServiceDeploymentStatus;
  statusReason?: string;
  finishedAt?: number;
  updatedAt: number;
  rollback?: { reason: string; startedAt: number; serviceRevisionArn: string };
}

export const reasons = {
  superseded: 'The service deployment was superseded by a newer service deployment.',
  circuitBreaker: 'The service deployment failed because the deployment circuit breaker threshold was reached.',
  circuitBreakerRollback: 'Rolling back to the previous service revision because the deployment circuit breaker threshold was reached.',
  stopRollback: 'Rolling back to the previous service revision because StopServiceDeployment was called.',
  inProgress: 'The service deployment is in progress.',
  completed: 'The service deployment completed successfully.',
  rolledBack: 'The service deployment was rolled back to the previous service revision.',
} as const;

const TERMINAL: readonly ServiceDeploymentStatus[] = ['SUCCESSFUL', 'STOPPED', 'ROLLBACK_SUCCESSFUL', 'ROLLBACK_FAILED'];
export const isTerminal = (status: ServiceDeploymentStatus) => TERMINAL.includes(status);

/** Where a service deployment stands, from its record and the service's deployments now. */
export function viewOf(record: ServiceDeploymentRecord, svc: ServiceRecord): ServiceDeploymentView {
  if (record.final) {
    return {
      status: record.final.status,
      statusReason: record.final.statusReason,
      finishedAt: record.final.at,
      updatedAt: record.final.at,
    };
  }
  const d = svc.deployments.find((x) => x.id === record.deploymentId);
  const primary = svc.deployments.find((x) => x.status === 'PRIMARY');
  const rolledBackTo =
    primary && primary.id !== record.deploymentId ? record.sources.find((s) => s.deploymentId === primary.id) : undefined;
  if (rolledBackTo && primary && (!d || d.rolloutState === 'FAILED')) {
    const startedAt = d?.updatedAt ?? primary.updatedAt;
    const rollback = {
      reason: record.stopRequested ? reasons.stopRollback : reasons.circuitBreakerRollback,
      startedAt: record.stopRequested?.at ?? startedAt,
      serviceRevisionArn: rolledBackTo.serviceRevisionArn,
    };
    return primary.rolloutState === 'COMPLETED'
      ? {
          status: 'ROLLBACK_SUCCESSFUL',
          statusReason: reasons.rolledBack,
          finishedAt: primary.updatedAt,
          updatedAt: primary.updatedAt,
          rollback,
        }
      : { status: 'ROLLBACK_IN_PROGRESS', statusReason: rollback.reason, updatedAt: primary.updatedAt, rollback };
  }
  if (!d) return { status: 'SUCCESSFUL', statusReason: reasons.completed, updatedAt: record.createdAt };
  if (d.rolloutState === 'COMPLETED')
    return { status: 'SUCCESSFUL', statusReason: reasons.completed, finishedAt: d.updatedAt, updatedAt: d.updatedAt };
  if (d.rolloutState === 'FAILED')
    return { status: 'STOPPED', statusReason: reasons.circuitBreaker, finishedAt: d.updatedAt, updatedAt: d.updatedAt };
  return { status: 'IN_PROGRESS', statusReason: reasons.inProgress, updatedAt: d.updatedAt };
}

/** The revision a new deployment runs (its task definition's images named). */
export function revisionOf(
  arn: string,
  svc: ServiceRecord,
  d: DeploymentRecord,
  images: ServiceRevisionRecord['containerImages'],
  now: number,
): ServiceRevisionRecord {
  return {
    serviceRevisionArn: arn,
    serviceArn: svc.serviceArn,
    clusterArn: svc.clusterArn,
    deploymentId: d.id,
    taskDefinition: d.taskDefinition,
    ...(d.launchType ? { launchType: d.launchType } : {}),
    ...(d.capacityProviderStrategy ? { capacityProviderStrategy: d.capacityProviderStrategy.map((s) => ({ ...s })) } : {}),
    platformVersion: d.platformVersion,
    platformFamily: d.platformFamily,
    networkConfiguration: { awsvpcConfiguration: plainCopy(d.networkConfiguration) },
    loadBalancers: plainCopy(svc.loadBalancers),
    serviceRegistries: plainCopy(svc.serviceRegistries),
    ...(svc.serviceConnectConfiguration ? { serviceConnectConfiguration: plainCopy(svc.serviceConnectConfiguration) } : {}),
    ...(svc.gatewayConnector ? { gatewayConnectors: [toWireGatewayConnector(svc.gatewayConnector)] } : {}),
    containerImages: images,
    createdAt: now,
  };
}

/** The service revision id: the digits of its deployment's `ecs-svc/<digits>` id. */
export const revisionIdOf = (deploymentId: string) => deploymentId.replace(/^ecs-svc\//, '');

/** A service deployment id: 21 URL-safe characters, as AWS's look. */
export function serviceDeploymentIdFrom(hex32: string): string {
  return Buffer.from(hex32, 'hex').toString('base64url').slice(0, 21);
}

/** A deep copy that also works on the store's draft proxies (structuredClone refuses those). */
export function plainCopy<T>(value: T): T {
  return JSON.parse(JSON.stringify(value)) as T;
}
