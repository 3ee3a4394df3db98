// What the Express Mode operations share: the ECS service behind an Express service, and the wire shape.
import type * as Ecs from '@aws-sdk/client-ecs';
import type { ServiceRecord } from '../../domain/ecs-service.js';
import { serviceNotFound } from '../../domain/errors.js';
import { type ExpressServiceRecord, toWireConfiguration } from '../../domain/express-gateway.js';
import type { RegionState } from '../../store/schema.js';
import { serviceDeploymentsOf } from './service-deployments.js';

export function findExpressService(state: Readonly<RegionState>, serviceArn: string): ExpressServiceRecord {
  const record = state.expressServices?.[serviceArn];
  if (!record) throw serviceNotFound();
  return record;
}

export const ecsServiceOf = (state: Readonly<RegionState>, record: ExpressServiceRecord): ServiceRecord | undefined =>
  state.services[`${record.clusterName}/${record.serviceName}`];

/** The newest service deployment of the service (the Express service's `currentDeployment`). */
export function latestServiceDeployment(state: Readonly<RegionState>, svc: ServiceRecord) {
  return serviceDeploymentsOf(state, svc).sort((a, b) => b.createdAt - a.createdAt)[0];
}

export function toWireExpressService(
  state: Readonly<RegionState>,
  record: ExpressServiceRecord,
  withTags: boolean,
): Ecs.ECSExpressGatewayService {
  const svc = ecsServiceOf(state, record);
  const live = new Set(svc?.deployments.map((d) => d.id) ?? []);
  const revisionLive = (arn: string | undefined) =>
    arn !== undefined && Object.values(state.serviceRevisions ?? {}).some((r) => r.serviceRevisionArn === arn && live.has(r.deploymentId));
  const active = record.status === 'ACTIVE' ? record.configurations.filter((c, i) => i === 0 || revisionLive(c.serviceRevisionArn)) : [];
  const current = svc ? latestServiceDeployment(state, svc) : undefined;
  return {
    cluster: record.clusterArn,
    serviceName: record.serviceName,
    serviceArn: record.serviceArn,
    infrastructureRoleArn: record.infrastructureRoleArn,
    status: { statusCode: record.status },
    ...(current ? { currentDeployment: current.serviceDeploymentArn } : {}),
    activeConfigurations: active.map((c) => toWireConfiguration(c, record.endpointHost)),
    ...(withTags ? { tags: state.tags[record.serviceArn] ?? [] } : {}),
    createdAt: new Date(record.createdAt),
    updatedAt: new Date(record.updatedAt),
  };
}
