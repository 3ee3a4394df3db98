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

/**
 * What ECS created for an Express service, as a service revision reports it (`ecsManagedResources`): the ingress
 * path (endpoint, load balancer with its security groups, listener, rule, target group), the scaling target and
 * policy with the policy's alarms, and the tasks' security groups. ACTIVE while the service is (here they exist once
 * the call returns), DEPROVISIONING while it drains, DELETED once it is gone.
 */
export function expressManagedResources(
  state: Readonly<RegionState>,
  record: ExpressServiceRecord,
  securityGroupArn: (id: string) => string,
): Ecs.ECSManagedResources {
  const m = record.managed;
  const status = record.status === 'ACTIVE' ? 'ACTIVE' : record.status === 'DRAINING' ? 'DEPROVISIONING' : 'DELETED';
  const active = { status: status as Ecs.ManagedResourceStatus, updatedAt: new Date(record.updatedAt) };
  const group = (id: string) => ({ arn: securityGroupArn(id), ...active });
  const lb = state.loadBalancers[m.loadBalancerArn];
  const tg = state.targetGroups[m.targetGroupArn];
  const target = m.scalableTargetArn
    ? Object.values(state.scalableTargets).find((t) => t.scalableTargetArn === m.scalableTargetArn)
    : undefined;
  const policy = m.scalingPolicyArn ? Object.values(state.scalingPolicies).find((p) => p.policyArn === m.scalingPolicyArn) : undefined;
  const tracking = policy?.configuration as
    | { TargetValue?: number; PredefinedMetricSpecification?: { PredefinedMetricType?: string } }
    | undefined;
  const serviceGroups = ecsServiceOf(state, record)?.networkConfiguration.securityGroups ?? [];
  return {
    ingressPaths: [
      {
        accessType: 'PUBLIC',
        endpoint: `https://${record.endpointHost}`,
        ...(lb
          ? {
              loadBalancer: {
                arn: lb.loadBalancerArn,
                ...active,
                scheme: lb.scheme,
                subnetIds: lb.availabilityZones.map((z) => z.subnetId),
                securityGroupIds: [...lb.securityGroups],
              },
              loadBalancerSecurityGroups: lb.securityGroups.map(group),
            }
          : {}),
        listener: { arn: m.listenerArn, ...active },
        rule: { arn: m.ruleArn, ...active },
        ...(tg
          ? {
              targetGroups: [
                {
                  arn: tg.targetGroupArn,
                  ...active,
                  healthCheckPath: tg.healthCheck.path,
                  healthCheckPort: tg.healthCheck.port === 'traffic-port' ? tg.port : Number(tg.healthCheck.port),
                  port: tg.port,
                },
              ],
            }
          : {}),
      },
    ],
    ...(target
      ? {
          autoScaling: {
            scalableTarget: { arn: target.scalableTargetArn, ...active, minCapacity: target.minCapacity, maxCapacity: target.maxCapacity },
            ...(policy
              ? {
                  applicationAutoScalingPolicies: [
                    {
                      arn: policy.policyArn,
                      ...active,
                      policyType: policy.policyType,
                      targetValue: tracking?.TargetValue,
                      metric: tracking?.PredefinedMetricSpecification?.PredefinedMetricType,
                    },
                  ],
                }
              : {}),
          },
        }
      : {}),
    ...(policy?.alarms.length ? { metricAlarms: policy.alarms.map((a) => ({ arn: a.AlarmARN, ...active })) } : {}),
    serviceSecurityGroups: serviceGroups.map(group),
  };
}
