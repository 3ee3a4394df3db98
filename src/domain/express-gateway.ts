// ECS Express Mode services: one CreateExpressGatewayService call gives an ECS service on Fargate, its task
// definition, an Application Load Balancer (shared by the Express services of a VPC) with a listener, a host-header
// rule and a target group per service, security groups, and scaling settings. The record keeps what was asked
// (each configuration, newest first) and exactly which resources were created, so a delete removes those and
// nothing else.
import type * as Ecs from '@aws-sdk/client-ecs';
import { invalidParameter } from './errors.js';

export interface ExpressConfigurationRecord {
  serviceRevisionArn?: string;
  taskDefinitionArn: string;
  executionRoleArn?: string;
  taskRoleArn?: string;
  cpu: string;
  memory: string;
  cpuArchitecture: string;
  networkConfiguration: { subnets: string[]; securityGroups: string[] };
  healthCheckPath: string;
  primaryContainer?: Ecs.ExpressGatewayContainer;
  scalingTarget: Required<
    Pick<Ecs.ExpressGatewayScalingTarget, 'minTaskCount' | 'maxTaskCount' | 'autoScalingMetric' | 'autoScalingTargetValue'>
  >;
  createdAt: number;
}

export interface ExpressManagedResources {
  loadBalancerArn: string;
  /** Whether this service created the load balancer and its listener (the first Express service of the VPC). */
  ownsLoadBalancer: boolean;
  listenerArn: string;
  ruleArn: string;
  targetGroupArn: string;
  /** Security groups this service created (load balancer's, when it owns it, and the tasks'). */
  createdSecurityGroupIds: string[];
  /** The Application Auto Scaling target and target tracking policy it created (absent in records from before them). */
  scalableTargetArn?: string;
  scalingPolicyArn?: string;
}

export interface ExpressServiceRecord {
  serviceArn: string;
  serviceName: string;
  clusterArn: string;
  clusterName: string;
  infrastructureRoleArn: string;
  status: 'ACTIVE' | 'DRAINING' | 'INACTIVE';
  /** Newest first. */
  configurations: ExpressConfigurationRecord[];
  /** `<name>-<hash>.ecs.<region>.on.aws`, as AWS names the service's endpoint. */
  endpointHost: string;
  managed: ExpressManagedResources;
  /** After a delete: created security groups still used by stopping tasks, removed once they are not. */
  pendingSecurityGroupIds?: string[];
  createdAt: number;
  updatedAt: number;
}

export const EXPRESS_DEFAULTS = {
  cpu: '1024',
  memory: '2048',
  cpuArchitecture: 'X86_64',
  containerPort: 80,
  healthCheckPath: '/ping',
  minTaskCount: 1,
  maxTaskCount: 20,
  autoScalingMetric: 'AVERAGE_CPU',
  autoScalingTargetValue: 60,
} as const;

/** The predefined target tracking metric of each Express scaling metric. */
export const EXPRESS_SCALING_METRICS: Readonly<Record<string, string>> = {
  AVERAGE_CPU: 'ECSServiceAverageCPUUtilization',
  AVERAGE_MEMORY: 'ECSServiceAverageMemoryUtilization',
  REQUEST_COUNT_PER_TARGET: 'ALBRequestCountPerTarget',
};

/** The name of the target tracking policy Express Mode puts on its service (inferred: AWS's naming was not found). */
export const expressScalingPolicyName = (serviceName: string) => `ecs-express-gateway-scaling-${serviceName}`;

/** `app/<lb name>/<lb id>/targetgroup/<tg name>/<tg id>`: the ResourceLabel of ALBRequestCountPerTarget. */
export function albResourceLabel(loadBalancerArn: string, targetGroupArn: string): string {
  const lb = loadBalancerArn.slice(loadBalancerArn.indexOf(':loadbalancer/') + ':loadbalancer/'.length);
  const tg = targetGroupArn.slice(targetGroupArn.indexOf(':targetgroup/') + 1);
  return `${lb}/${tg}`;
}

/** The name of the primary container in the task definition Express Mode registers. */
export const PRIMARY_CONTAINER_NAME = 'Main';

/** The tags Express Mode puts on what it creates. */
export function managedTags(serviceArn: string): { key: string; value: string }[] {
  return [
    { key: 'AmazonECSManaged', value: 'true' },
    { key: 'ecs:service-arn', value: serviceArn },
  ];
}

export function scalingTargetOf(
  input: Ecs.ExpressGatewayScalingTarget | undefined,
  current?: ExpressConfigurationRecord['scalingTarget'],
): ExpressConfigurationRecord['scalingTarget'] {
  const merged = {
    minTaskCount: input?.minTaskCount ?? current?.minTaskCount ?? EXPRESS_DEFAULTS.minTaskCount,
    maxTaskCount: input?.maxTaskCount ?? current?.maxTaskCount ?? EXPRESS_DEFAULTS.maxTaskCount,
    autoScalingMetric: input?.autoScalingMetric ?? current?.autoScalingMetric ?? EXPRESS_DEFAULTS.autoScalingMetric,
    autoScalingTargetValue: input?.autoScalingTargetValue ?? current?.autoScalingTargetValue ?? EXPRESS_DEFAULTS.autoScalingTargetValue,
  };
  if (!Number.isInteger(merged.minTaskCount) || merged.minTaskCount < 0) throw invalidParameter('minTaskCount must be 0 or greater.');
  if (!Number.isInteger(merged.maxTaskCount) || merged.maxTaskCount < merged.minTaskCount) {
    throw invalidParameter('maxTaskCount must be greater than or equal to minTaskCount.');
  }
  return merged as ExpressConfigurationRecord['scalingTarget'];
}

const HEALTH_PATH_RE = /^\/[\x21-\x7e]{0,1023}$/;

export function assertHealthCheckPath(path: string): void {
  if (!HEALTH_PATH_RE.test(path)) throw invalidParameter('healthCheckPath must start with / and contain only printable characters.');
}

/** A service name from the image when none is given (`nginx:1.27` -> `nginx-<6 hex>`), as the console does. */
export function serviceNameFromImage(image: string, hex: string): string {
  const last = image.split('/').pop() ?? 'service';
  const base =
    last
      .split(/[:@]/)[0]!
      .replace(/[^a-zA-Z0-9_-]/g, '-')
      .slice(0, 40) || 'service';
  return `${base}-${hex.slice(0, 6)}`;
}

export const endpointHostOf = (serviceName: string, hex: string, region: string) =>
  `${serviceName.toLowerCase().replace(/_/g, '-').slice(0, 40)}-${hex.slice(0, 8)}.ecs.${region}.on.aws`;

export function toWireConfiguration(c: ExpressConfigurationRecord, endpointHost: string): Ecs.ExpressGatewayServiceConfiguration {
  return {
    ...(c.serviceRevisionArn ? { serviceRevisionArn: c.serviceRevisionArn } : {}),
    ...(c.executionRoleArn ? { executionRoleArn: c.executionRoleArn } : {}),
    ...(c.taskRoleArn ? { taskRoleArn: c.taskRoleArn } : {}),
    taskDefinitionArn: c.taskDefinitionArn,
    cpu: c.cpu,
    memory: c.memory,
    cpuArchitecture: c.cpuArchitecture as Ecs.ExpressCpuArchitecture,
    networkConfiguration: { subnets: [...c.networkConfiguration.subnets], securityGroups: [...c.networkConfiguration.securityGroups] },
    healthCheckPath: c.healthCheckPath,
    ...(c.primaryContainer ? { primaryContainer: JSON.parse(JSON.stringify(c.primaryContainer)) as Ecs.ExpressGatewayContainer } : {}),
    scalingTarget: { ...c.scalingTarget } as Ecs.ExpressGatewayScalingTarget,
    ingressPaths: [{ accessType: 'PUBLIC', endpoint: `https://${endpointHost}` }],
    createdAt: new Date(c.createdAt),
  };
}
