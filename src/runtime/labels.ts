// The labels on every Docker object this emulator creates. Ours are reverse-DNS under `fargate-local.`; the
// `com.amazonaws.ecs.*` ones are those the real ECS agent puts on task containers, so tools that read them work.
import type { TaskIdentity } from '../domain/task-runtime.js';

/** Which emulator instance owns the object (several can share one engine). */
export const LABEL_INSTANCE = 'fargate-local.instance';
export const LABEL_TASK_ID = 'fargate-local.task-id';
export const LABEL_TASK_ARN = 'fargate-local.task-arn';
export const LABEL_CLUSTER_ARN = 'fargate-local.cluster-arn';
export const LABEL_SCOPE = 'fargate-local.scope';
/** The container definition's name (app containers only). */
export const LABEL_CONTAINER_NAME = 'fargate-local.container-name';
/** What the object is: see `Role`. */
export const LABEL_ROLE = 'fargate-local.role';
/** VPC networks: the emulated VPC. */
export const LABEL_VPC_ID = 'fargate-local.vpc-id';
/** Security group helpers: the pause container whose network namespace they configure. */
export const LABEL_FIREWALL_OF = 'fargate-local.firewall-of';
/** Scratch volumes: the volume's name in the task definition. EFS volumes: the file system and root directory. */
export const LABEL_VOLUME_NAME = 'fargate-local.volume-name';
export const LABEL_EFS_FILE_SYSTEM_ID = 'fargate-local.efs-file-system-id';
export const LABEL_EFS_ROOT_DIRECTORY = 'fargate-local.efs-root-directory';
/** Images we build ourselves carry a hash of their content, so an import is skipped when it is already there. */
export const LABEL_CONTENT_HASH = 'fargate-local.content-hash';

export const ECS_LABEL_CLUSTER = 'com.amazonaws.ecs.cluster';
export const ECS_LABEL_CONTAINER_NAME = 'com.amazonaws.ecs.container-name';
export const ECS_LABEL_TASK_ARN = 'com.amazonaws.ecs.task-arn';
export const ECS_LABEL_TASK_DEFINITION_FAMILY = 'com.amazonaws.ecs.task-definition-family';
export const ECS_LABEL_TASK_DEFINITION_VERSION = 'com.amazonaws.ecs.task-definition-version';

export type Role =
  | 'pause'
  | 'app'
  | 'agent-network'
  | 'vpc-network'
  | 'scratch-volume'
  | 'efs-volume'
  | 'pause-image'
  | 'firewall-helper'
  | 'firewall-image';

/** The labels of a task's pause container (containerName null) or of one of its app containers. */
export function taskContainerLabels(instanceId: string, task: TaskIdentity, containerName: string | null): Record<string, string> {
  const labels: Record<string, string> = {
    [LABEL_INSTANCE]: instanceId,
    [LABEL_TASK_ID]: task.taskId,
    [LABEL_TASK_ARN]: task.taskArn,
    [LABEL_CLUSTER_ARN]: task.clusterArn,
    [LABEL_SCOPE]: task.scopeKey,
    [LABEL_ROLE]: containerName === null ? 'pause' : 'app',
    [ECS_LABEL_CLUSTER]: task.clusterArn,
    [ECS_LABEL_TASK_ARN]: task.taskArn,
    [ECS_LABEL_TASK_DEFINITION_FAMILY]: task.family,
    [ECS_LABEL_TASK_DEFINITION_VERSION]: String(task.revision),
  };
  if (containerName !== null) {
    labels[LABEL_CONTAINER_NAME] = containerName;
    labels[ECS_LABEL_CONTAINER_NAME] = containerName;
  } else {
    // The real agent's name for the pause container.
    labels[ECS_LABEL_CONTAINER_NAME] = '~internal~ecs~pause';
  }
  return labels;
}

/** A Docker `filters` value selecting objects by labels (`key=value`). */
export function labelFilter(labels: Record<string, string>): { label: string[] } {
  return { label: Object.entries(labels).map(([k, v]) => `${k}=${v}`) };
}
