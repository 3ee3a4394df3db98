// ECS services: the stored record, its deployments and events, and the rules CreateService/UpdateService apply.
import type { ServiceConnectState } from './cloudmap/service-connect.js';
import type { StrategyItem } from './capacity-provider-placement.js';
import { strategySettingsOf, type BlueGreenProgress, type StrategyInput, type StrategySettings } from './blue-green.js';
import { invalidParameter } from './errors.js';
import type { GatewayConnectorRecord } from './gateway-route.js';
import type { DeploymentControllerType, TaskSetRecord } from './task-set.js';

export type ServiceStatus = 'ACTIVE' | 'DRAINING' | 'INACTIVE';
export type DeploymentStatus = 'PRIMARY' | 'ACTIVE';
export type RolloutState = 'IN_PROGRESS' | 'COMPLETED' | 'FAILED';
export type PropagateTags = 'TASK_DEFINITION' | 'SERVICE' | 'NONE';

/** awsvpcConfiguration as the service keeps it (ids checked at create/update time). */
export interface AwsvpcRecord {
  subnets: string[];
  securityGroups: string[];
  assignPublicIp: 'ENABLED' | 'DISABLED';
}

export interface DeploymentConfigurationRecord extends Partial<StrategySettings> {
  minimumHealthyPercent: number;
  maximumPercent: number;
  deploymentCircuitBreaker: { enable: boolean; rollback: boolean };
  /** CloudWatch alarms, stored and returned as given (no alarms exist here). */
  alarms?: { alarmNames: string[]; enable: boolean; rollback: boolean };
}

export interface DeploymentRecord {
  /** `ecs-svc/<19 digits>`; the service's tasks carry it as `startedBy`. */
  id: string;
  status: DeploymentStatus;
  taskDefinition: string;
  desiredCount: number;
  /** Tasks of this deployment that failed (the circuit breaker's count). */
  failedTasks: number;
  /** EC2 when neither a launch type nor any strategy was given (AWS's default); such a service never places a task. */
  launchType?: 'FARGATE' | 'EC2';
  capacityProviderStrategy?: StrategyItem[];
  /** Resolved, e.g. 1.4.0. */
  platformVersion: string;
  platformFamily: 'Linux';
  networkConfiguration: AwsvpcRecord;
  rolloutState: RolloutState;
  rolloutStateReason: string;
  /** Stopped tasks already judged by the circuit breaker, so each one counts once. */
  judgedTaskIds: string[];
  createdAt: number;
  updatedAt: number;
  /** Service Connect as this deployment runs it (DescribeServices' deployments[].serviceConnect*). */
  serviceConnectConfiguration?: Record<string, unknown>;
  serviceConnectResources?: { discoveryName: string; discoveryArn: string }[];
  /** Its tasks register in the load balancers' alternate target groups (advancedConfiguration), not the main ones. */
  alternate?: boolean;
  /** A blue/green, linear or canary deployment: where it stands (absent on rolling deployments). */
  blueGreen?: BlueGreenProgress;
}

export interface ServiceEventRecord {
  id: string;
  createdAt: number;
  message: string;
}

export interface ServiceRecord {
  serviceArn: string;
  serviceName: string;
  clusterArn: string;
  clusterName: string;
  status: ServiceStatus;
  /** The task definition of the PRIMARY deployment (ARN). */
  taskDefinition: string;
  desiredCount: number;
  /** EC2 when neither a launch type nor any strategy was given (AWS's default); such a service never places a task. */
  launchType?: 'FARGATE' | 'EC2';
  capacityProviderStrategy?: StrategyItem[];
  /** As requested ('LATEST' when not given), as AWS echoes it. */
  platformVersion: string;
  platformFamily: 'Linux';
  networkConfiguration: AwsvpcRecord;
  deploymentConfiguration: DeploymentConfigurationRecord;
  /** Newest first: the PRIMARY one, then ACTIVE ones still draining. Empty on the EXTERNAL and CODE_DEPLOY controllers. */
  deployments: DeploymentRecord[];
  /** Absent: ECS (services stored before it was kept). */
  deploymentController?: DeploymentControllerType;
  /** The task sets of an EXTERNAL or CODE_DEPLOY service, oldest first. */
  taskSets?: TaskSetRecord[];
  /** Newest first, at most MAX_SERVICE_EVENTS. */
  events: ServiceEventRecord[];
  loadBalancers: Record<string, unknown>[];
  /** The gateway connector (CreateService/UpdateService `gatewayConnectors`), if any. */
  gatewayConnector?: GatewayConnectorRecord;
  serviceRegistries: Record<string, unknown>[];
  healthCheckGracePeriodSeconds?: number;
  enableECSManagedTags: boolean;
  propagateTags: PropagateTags;
  enableExecuteCommand: boolean;
  /**
   * As asked; CreateService without it means ENABLED, UpdateService without it keeps the value (AWS's defaults).
   * Absent on services stored before it was kept: read as ENABLED. Tasks are spread over zones either way.
   */
  availabilityZoneRebalancing?: 'ENABLED' | 'DISABLED';
  /** Service Connect configuration as given (wire shape). */
  serviceConnectConfiguration?: Record<string, unknown>;
  /** Service Connect's namespace and Cloud Map services, once checked (domain/cloudmap/service-connect.ts). */
  serviceConnect?: ServiceConnectState;
  /** The Cloud Map namespace the service is in (Service Connect or its cluster's default), for ListServicesByNamespace. */
  namespace?: string;
  roleArn: string;
  createdAt: number;
  /** What CreateService was asked (minus clientToken): a repeat of the same request is idempotent. */
  requestFingerprint: string;
  /** Whether the service last reported a steady state (the message is sent on each transition into it). */
  steady: boolean;
  /** Consecutive failed task launches; past a few, the scheduler waits longer and longer between launches. */
  launchFailures?: number;
  /** No new task before this time (epoch ms) while launches keep failing. */
  launchNotBefore?: number;
  /** When the service became INACTIVE (it stays describable for a while). */
  inactiveAt?: number;
}

export const MAX_SERVICE_EVENTS = 100;
export const DEFAULT_MINIMUM_HEALTHY_PERCENT = 100;
export const DEFAULT_MAXIMUM_PERCENT = 200;

export const serviceKey = (clusterName: string, serviceName: string) => `${clusterName}/${serviceName}`;
export const DEPLOYMENT_ID_PREFIX = 'ecs-svc/';

/** `ecs-svc/` and 19 decimal digits drawn from 32 hex digits of randomness. */
export function deploymentIdFrom(hex32: string): string {
  const n = BigInt(`0x${hex32}`) % 9_000_000_000_000_000_000n;
  return `${DEPLOYMENT_ID_PREFIX}${(n + 1_000_000_000_000_000_000n).toString()}`;
}

const SERVICE_NAME_RE = /^[a-zA-Z0-9_-]{1,255}$/;

export function assertValidServiceName(name: string): void {
  if (!SERVICE_NAME_RE.test(name)) {
    throw invalidParameter(
      'Service name must be up to 255 letters (uppercase and lowercase), numbers, underscores, and hyphens are allowed.',
    );
  }
}

export function assertValidDesiredCount(n: number | undefined): void {
  if (n !== undefined && (!Number.isInteger(n) || n < 0)) throw invalidParameter('desiredCount must be a non-negative integer.');
}

export interface DeploymentConfigurationInput extends StrategyInput {
  minimumHealthyPercent?: number;
  maximumPercent?: number;
  deploymentCircuitBreaker?: { enable?: boolean; rollback?: boolean };
  alarms?: { alarmNames?: string[]; enable?: boolean; rollback?: boolean };
}

/** The deployment configuration a request gives, on top of the current one (or the defaults). */
export function deploymentConfigurationOf(
  input: DeploymentConfigurationInput | undefined,
  current?: DeploymentConfigurationRecord,
): DeploymentConfigurationRecord {
  const base: DeploymentConfigurationRecord = current ?? {
    minimumHealthyPercent: DEFAULT_MINIMUM_HEALTHY_PERCENT,
    maximumPercent: DEFAULT_MAXIMUM_PERCENT,
    deploymentCircuitBreaker: { enable: false, rollback: false },
  };
  const min = input?.minimumHealthyPercent ?? base.minimumHealthyPercent;
  const max = input?.maximumPercent ?? base.maximumPercent;
  if (!Number.isInteger(min) || min < 0) throw invalidParameter('minimumHealthyPercent must be a non-negative integer.');
  if (!Number.isInteger(max) || max < 0) throw invalidParameter('maximumPercent must be a non-negative integer.');
  if (max < min) throw invalidParameter('maximumPercent must be greater than or equal to minimumHealthyPercent.');
  const cb = input?.deploymentCircuitBreaker;
  const alarms = input?.alarms ?? base.alarms;
  const given =
    input?.strategy !== undefined ||
    input?.bakeTimeInMinutes !== undefined ||
    input?.linearConfiguration !== undefined ||
    input?.canaryConfiguration !== undefined ||
    input?.lifecycleHooks !== undefined;
  const strategy = given || base.strategy ? strategySettingsOf(input, base.strategy ? (base as StrategySettings) : undefined) : undefined;
  return {
    ...(strategy ?? {}),
    minimumHealthyPercent: min,
    maximumPercent: max,
    deploymentCircuitBreaker: cb ? { enable: cb.enable ?? false, rollback: cb.rollback ?? false } : { ...base.deploymentCircuitBreaker },
    ...(alarms
      ? { alarms: { alarmNames: [...(alarms.alarmNames ?? [])], enable: alarms.enable ?? false, rollback: alarms.rollback ?? false } }
      : {}),
  };
}

/** Adds an event (newest first), keeping the newest MAX_SERVICE_EVENTS; a repeat of the newest message is left out. */
export function addServiceEvent(service: ServiceRecord, event: ServiceEventRecord): boolean {
  if (service.events[0]?.message === event.message) return false;
  service.events.unshift(event);
  if (service.events.length > MAX_SERVICE_EVENTS) service.events.length = MAX_SERVICE_EVENTS;
  return true;
}

/** Whether the service runs task sets (EXTERNAL, CODE_DEPLOY) rather than deployments (ECS). */
export const usesTaskSets = (service: Pick<ServiceRecord, 'deploymentController'>) =>
  service.deploymentController === 'EXTERNAL' || service.deploymentController === 'CODE_DEPLOY';

export const primaryOf = (service: Pick<ServiceRecord, 'deployments'>) => service.deployments.find((d) => d.status === 'PRIMARY');

/** The deployment a task belongs to, from its `startedBy`. */
export const deploymentIdOfTask = (startedBy: string | undefined) => (startedBy?.startsWith(DEPLOYMENT_ID_PREFIX) ? startedBy : undefined);

export const serviceGroup = (serviceName: string) => `service:${serviceName}`;

/** Failed launches in a row after which the scheduler starts spacing its retries out (AWS "service throttle logic"). */
export const THROTTLE_AFTER_FAILURES = 3;
const THROTTLE_BASE_MS = 1_000;
const THROTTLE_MAX_MS = 15 * 60_000;

/** The wait before the next launch after `failures` consecutive failed launches (0 below the threshold). */
export function launchBackoffMs(failures: number): number {
  if (failures < THROTTLE_AFTER_FAILURES) return 0;
  return Math.min(THROTTLE_BASE_MS * 2 ** (failures - THROTTLE_AFTER_FAILURES), THROTTLE_MAX_MS);
}
