// Service deployments and revisions as the wire has them.
import type * as Ecs from '@aws-sdk/client-ecs';
import { failureThreshold } from '../../domain/deployment.js';
import type { ServiceRecord } from '../../domain/ecs-service.js';
import type { ServiceDeploymentRecord, ServiceRevisionRecord } from '../../domain/service-deployment.js';
import { viewOf } from '../../domain/service-deployment.js';
import type { TaskRecord } from '../../domain/task.js';

const date = (ms: number | undefined) => (ms === undefined ? undefined : new Date(ms));

export function toWireServiceDeploymentBrief(record: ServiceDeploymentRecord, svc: ServiceRecord): Ecs.ServiceDeploymentBrief {
  const view = viewOf(record, svc);
  return {
    serviceDeploymentArn: record.serviceDeploymentArn,
    serviceArn: record.serviceArn,
    clusterArn: record.clusterArn,
    startedAt: date(record.createdAt),
    createdAt: date(record.createdAt),
    ...(view.finishedAt !== undefined ? { finishedAt: date(view.finishedAt) } : {}),
    targetServiceRevisionArn: record.targetServiceRevisionArn,
    status: view.status,
    ...(view.statusReason ? { statusReason: view.statusReason } : {}),
  };
}

export function toWireServiceDeployment(
  record: ServiceDeploymentRecord,
  svc: ServiceRecord,
  tasks: readonly TaskRecord[],
): Ecs.ServiceDeployment {
  const view = viewOf(record, svc);
  const counts = (deploymentId: string) => {
    const mine = tasks.filter((t) => t.startedBy === deploymentId && t.lastStatus !== 'STOPPED');
    const d = svc.deployments.find((x) => x.id === deploymentId);
    return {
      requestedTaskCount: d?.desiredCount ?? 0,
      runningTaskCount: mine.filter((t) => t.lastStatus === 'RUNNING').length,
      pendingTaskCount: mine.filter((t) => t.lastStatus !== 'RUNNING').length,
    };
  };
  const { deploymentCircuitBreaker: breaker, alarms, ...config } = record.deploymentConfiguration;
  const failed = svc.deployments.find((d) => d.id === record.deploymentId)?.failedTasks ?? 0;
  const bg = svc.deployments.find((d) => d.id === record.deploymentId)?.blueGreen ?? record.blueGreen;
  return {
    serviceDeploymentArn: record.serviceDeploymentArn,
    serviceArn: record.serviceArn,
    clusterArn: record.clusterArn,
    createdAt: date(record.createdAt),
    startedAt: date(record.createdAt),
    ...(view.finishedAt !== undefined ? { finishedAt: date(view.finishedAt) } : {}),
    ...(view.status === 'STOPPED' || view.status.startsWith('ROLLBACK') ? { stoppedAt: date(view.finishedAt ?? view.updatedAt) } : {}),
    updatedAt: date(view.updatedAt),
    sourceServiceRevisions: record.sources.map((s) => ({ arn: s.serviceRevisionArn, ...counts(s.deploymentId) })),
    targetServiceRevision: { arn: record.targetServiceRevisionArn, ...counts(record.deploymentId) },
    status: view.status,
    ...(view.statusReason ? { statusReason: view.statusReason } : {}),
    ...(bg
      ? {
          lifecycleStage: bg.stage,
          lifecycleHookDetails: bg.hooks.map((h) => ({
            hookId: h.hookId,
            targetType: h.targetType,
            ...(h.targetArn ? { targetArn: h.targetArn } : {}),
            status: h.status,
            ...(h.expiresAt !== undefined ? { expiresAt: date(h.expiresAt) } : {}),
            ...(h.timeoutAction ? { timeoutAction: h.timeoutAction } : {}),
          })),
        }
      : {}),
    deploymentConfiguration: {
      ...config,
      deploymentCircuitBreaker: { ...breaker },
      ...(alarms ? { alarms: { ...alarms } } : {}),
      strategy: config.strategy ?? 'ROLLING',
    } as Ecs.DeploymentConfiguration,
    ...(view.rollback
      ? {
          rollback: {
            reason: view.rollback.reason,
            startedAt: date(view.rollback.startedAt),
            serviceRevisionArn: view.rollback.serviceRevisionArn,
          },
        }
      : {}),
    deploymentCircuitBreaker: {
      status: breaker.enable
        ? view.status === 'ROLLBACK_IN_PROGRESS' || view.status === 'ROLLBACK_SUCCESSFUL' || (view.status === 'STOPPED' && failed > 0)
          ? 'TRIGGERED'
          : 'MONITORING'
        : 'DISABLED',
      failureCount: failed,
      threshold: failureThreshold(svc.desiredCount),
    },
    alarms: alarms?.enable ? { status: 'MONITORING', alarmNames: [...alarms.alarmNames], triggeredAlarmNames: [] } : { status: 'DISABLED' },
  };
}

/** `ecsManagedResources`: what ECS created for the service (Express Mode, gateway routes), when it created any. */
export function toWireServiceRevision(record: ServiceRevisionRecord, ecsManagedResources?: Ecs.ECSManagedResources): Ecs.ServiceRevision {
  const { deploymentId: _d, createdAt, containerImages, ...rest } = record;
  return {
    ...(rest as unknown as Ecs.ServiceRevision),
    ...(ecsManagedResources && Object.keys(ecsManagedResources).length ? { ecsManagedResources } : {}),
    containerImages: containerImages.map((c) => ({ ...c })),
    guardDutyEnabled: false,
    createdAt: new Date(createdAt),
  };
}
