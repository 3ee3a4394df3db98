// What the service operations share: finding a service, and turning a request's launch settings into a deployment.
import type * as Ecs from '@aws-sdk/client-ecs';
import { isArn, parseArn } from '../../domain/arn.js';
import type { ClusterRecord } from '../../domain/cluster.js';
import { deploymentIdFrom, serviceKey, type AwsvpcRecord, type DeploymentRecord, type ServiceRecord } from '../../domain/ecs-service.js';
import { invalidParameter } from '../../domain/errors.js';
import { resolveAwsvpcConfiguration } from '../../domain/network/awsvpc-configuration.js';
import { ensureDefaultVpc } from '../../domain/network/network-state.js';
import type { Ids } from '../../domain/ports.js';
import type { Scope } from '../../domain/scope.js';
import { rolloutReasons } from '../../domain/service-messages.js';
import type { RegionState } from '../../store/schema.js';
import { fargateStrategyOf, platformVersionOf } from './task-request.js';

/** The service name a reference means: a name, or the last part of a service ARN (long or short format). */
export function serviceNameOf(ref: string): string {
  if (!isArn(ref)) return ref;
  const parsed = parseArn(ref);
  return parsed?.resourceType === 'service' ? parsed.resource.split('/').pop()! : ref;
}

export function findService(state: Readonly<RegionState>, cluster: ClusterRecord, ref: string): ServiceRecord | undefined {
  if (isArn(ref)) {
    const parsed = parseArn(ref);
    if (parsed?.resourceType !== 'service') return undefined;
    const parts = parsed.resource.split('/');
    if (parts.length === 2 && parts[0] !== cluster.clusterName) return undefined;
  }
  return state.services[serviceKey(cluster.clusterName, serviceNameOf(ref))];
}

/**
 * Launch type or strategy as the service keeps it: FARGATE by launch type, a strategy (given or the cluster's), or
 * EC2, asked for or by default when there is neither a launch type nor a strategy (as on AWS). An EC2 service is
 * created, but with no container instances it never places a task (its events say so).
 */
export function launchSettingsOf(
  launchType: string | undefined,
  strategy: Ecs.CapacityProviderStrategyItem[] | undefined,
  cluster: ClusterRecord,
): Pick<DeploymentRecord, 'launchType' | 'capacityProviderStrategy'> {
  if (launchType && strategy?.length) {
    throw invalidParameter('Specifying both a launch type and capacity provider strategy is not supported. Remove one and try again.');
  }
  if (launchType === 'EC2' || (!launchType && !strategy?.length && cluster.defaultCapacityProviderStrategy.length === 0)) {
    return { launchType: 'EC2' };
  }
  const items = fargateStrategyOf(launchType, strategy, cluster);
  if (launchType === 'FARGATE') return { launchType: 'FARGATE' };
  return { capacityProviderStrategy: items.map((i) => ({ ...i })) };
}

/** The awsvpcConfiguration checked against the VPC state, kept by ids. */
export function networkOf(
  state: RegionState,
  scope: Scope,
  now: number,
  cfg: Ecs.NetworkConfiguration | undefined,
  defaultVpcCidr: string,
): AwsvpcRecord {
  ensureDefaultVpc(state, scope, now, defaultVpcCidr);
  const resolved = resolveAwsvpcConfiguration(state, cfg?.awsvpcConfiguration);
  return {
    subnets: resolved.subnets.map((s) => s.subnetId),
    securityGroups: [...resolved.securityGroups],
    assignPublicIp: resolved.assignPublicIp ? 'ENABLED' : 'DISABLED',
  };
}

export interface NewDeploymentRequest {
  ids: Ids;
  now: number;
  taskDefinitionArn: string;
  desiredCount: number;
  launch: Pick<DeploymentRecord, 'launchType' | 'capacityProviderStrategy'>;
  platformVersion: string | undefined;
  network: AwsvpcRecord;
}

export function newDeployment(req: NewDeploymentRequest): DeploymentRecord {
  const id = deploymentIdFrom(req.ids.hex32());
  return {
    id,
    status: 'PRIMARY',
    taskDefinition: req.taskDefinitionArn,
    desiredCount: req.desiredCount,
    failedTasks: 0,
    ...req.launch,
    platformVersion: platformVersionOf(req.platformVersion),
    platformFamily: 'Linux',
    networkConfiguration: {
      subnets: [...req.network.subnets],
      securityGroups: [...req.network.securityGroups],
      assignPublicIp: req.network.assignPublicIp,
    },
    rolloutState: 'IN_PROGRESS',
    rolloutStateReason: rolloutReasons.inProgress(id),
    judgedTaskIds: [],
    createdAt: req.now,
    updatedAt: req.now,
  };
}

/** JSON with object keys sorted, so two equal requests give the same text. */
export function stableJson(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v !== null && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
      : v,
  );
}
