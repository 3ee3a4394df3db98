// Tasks: the stored record of one Fargate task and its containers.
import type { PublishedPort } from './task-runtime.js';

export type TaskStatus = 'PROVISIONING' | 'PENDING' | 'ACTIVATING' | 'RUNNING' | 'DEACTIVATING' | 'STOPPING' | 'DEPROVISIONING' | 'STOPPED';

export type DesiredStatus = 'RUNNING' | 'STOPPED';

export type StopCode =
  | 'TaskFailedToStart'
  | 'EssentialContainerExited'
  | 'UserInitiated'
  | 'ServiceSchedulerInitiated'
  | 'SpotInterruption'
  | 'TerminationNotice'
  | 'InfrastructureHealth';

export type HealthStatus = 'HEALTHY' | 'UNHEALTHY' | 'UNKNOWN';

/** Container status as ECS reports it (the agent maps every other internal state to PENDING). */
export type ContainerStatus = 'PENDING' | 'RUNNING' | 'STOPPED';

export interface ContainerRecord {
  name: string;
  containerArn: string;
  /** Fargate's runtime id: `<taskId>-<10 digits>`. */
  runtimeId: string;
  image: string;
  imageDigest?: string;
  /** The local image the container runs from (an ECR URI may resolve to a local `repo:tag`). */
  localImage?: string;
  essential: boolean;
  lastStatus: ContainerStatus;
  /** Whether a container process was ever started (distinguishes "never started" from "exited"). */
  started: boolean;
  exitCode?: number;
  reason?: string;
  healthStatus: HealthStatus;
  /** Has a health check in its definition. */
  hasHealthCheck: boolean;
  cpu: string;
  memory?: string;
  memoryReservation?: string;
  dockerId?: string;
}

export type AttachmentStatus = 'PRECREATED' | 'ATTACHED' | 'DETACHING' | 'DELETED';

/** The task's ENI, as DescribeTasks shows it under `attachments`. */
export interface EniAttachment {
  id: string;
  status: AttachmentStatus;
  subnetId: string;
  vpcId: string;
  networkInterfaceId: string;
  macAddress: string;
  privateIPv4Address: string;
  privateDnsName: string;
  securityGroups: string[];
  assignPublicIp: boolean;
}

/**
 * Unguessable ids that name the task at the metadata endpoint: one per container (the `<id>` of
 * ECS_CONTAINER_METADATA_URI_V4 and ECS_AGENT_URI) and one for the task role's credentials.
 */
export interface TaskEndpoints {
  /** By container name. */
  containers: Record<string, string>;
  /** Only when the task has a task role. */
  credentialsId?: string;
}

export interface TaskRecord {
  taskId: string;
  taskArn: string;
  clusterArn: string;
  clusterName: string;
  taskDefinitionArn: string;
  family: string;
  revision: number;
  lastStatus: TaskStatus;
  desiredStatus: DesiredStatus;
  /** Incremented on every change ECS would report. */
  version: number;
  launchType: 'FARGATE';
  capacityProviderName: 'FARGATE' | 'FARGATE_SPOT';
  platformVersion: string;
  platformFamily: 'Linux';
  availabilityZone: string;
  cpu: string;
  memory: string;
  ephemeralStorageGiB: number;
  /** The overrides as given to RunTask (wire shape). */
  overrides: Record<string, unknown>;
  taskRoleArn?: string;
  executionRoleArn?: string;
  startedBy?: string;
  group: string;
  referenceId?: string;
  enableExecuteCommand: boolean;
  connectivity?: 'CONNECTED' | 'DISCONNECTED';
  stopCode?: StopCode;
  stoppedReason?: string;
  healthStatus: HealthStatus;
  containers: ContainerRecord[];
  attachment: EniAttachment;
  /** Set once the pause container runs. */
  sandbox?: { pauseContainerId: string; agentIpv4Address: string; publishedPorts?: PublishedPort[] };
  /** Ids of the task's endpoints at 169.254.170.2 (set in PENDING, before any container starts). */
  endpoints?: TaskEndpoints;
  /** Scale-in protection (UpdateTaskProtection); over once `expiresAt` has passed. */
  protection?: { expiresAt: number };
  // Timestamps, epoch ms.
  createdAt: number;
  connectivityAt?: number;
  pullStartedAt?: number;
  pullStoppedAt?: number;
  startedAt?: number;
  stoppingAt?: number;
  executionStoppedAt?: number;
  stoppedAt?: number;
}

export const isStopped = (t: Pick<TaskRecord, 'lastStatus'>) => t.lastStatus === 'STOPPED';

/** Statuses counted as "pending" by ECS (cluster counts, ListTasks desiredStatus RUNNING). */
export const PRE_RUNNING: readonly TaskStatus[] = ['PROVISIONING', 'PENDING', 'ACTIVATING'];
