// What Fargate adds to the general rules. Registration enforces these only when requiresCompatibilities
// names FARGATE; for any other definition they decide whether FARGATE appears in `compatibilities`
// (and so whether RunTask/CreateService may later launch it on Fargate).
import type * as Ecs from '@aws-sdk/client-ecs';
import { clientException, type EcsError } from './errors.js';
import { isFargateSize } from './fargate-sizes.js';
import { TaskDefinitionMessages as M } from './task-definition-messages.js';
import type { TaskDefinitionSpec } from './task-definition-spec.js';

/** Longest stopTimeout Fargate honours, in seconds. */
export const FARGATE_MAX_STOP_TIMEOUT = 120;

const ECR_IMAGE_RE = /^\d{12}\.dkr\.ecr(-fips)?\.[a-z0-9-]+\.amazonaws\.com(\.cn)?\//;

/** Images in a private ECR registry: pulling them needs the task execution role. */
export const isEcrImage = (image: string | undefined) => ECR_IMAGE_RE.test(image ?? '');

/** The first Fargate rule the definition breaks, or null when Fargate can run it. */
export function fargateViolation(spec: TaskDefinitionSpec): EcsError | null {
  const message = taskLevelViolation(spec) ?? spec.containerDefinitions.map((c) => containerViolation(spec, c)).find(Boolean);
  return message ? clientException(message) : null;
}

function taskLevelViolation(spec: TaskDefinitionSpec): string | undefined {
  if (spec.networkMode !== 'awsvpc') return M.fargateNetworkMode;
  if (spec.cpu === undefined) return M.fargateCpuRequired;
  if (spec.memory === undefined) return M.fargateMemoryRequired;
  if (!isFargateSize(Number(spec.cpu), Number(spec.memory))) return M.fargateNoConfiguration(spec.cpu, spec.memory);
  if (spec.pidMode !== undefined && spec.pidMode !== 'task') return M.fargatePidMode(spec.pidMode);
  if (spec.ipcMode !== undefined) return M.fargateIpcMode;
  if (spec.placementConstraints?.length) return M.fargatePlacementConstraints;
  for (const volume of spec.volumes ?? []) {
    if (volume.host?.sourcePath) return M.fargateHostSourcePath;
    if (volume.dockerVolumeConfiguration) return M.fargateDockerVolumes;
  }
  return undefined;
}

function containerViolation(spec: TaskDefinitionSpec, c: Ecs.ContainerDefinition): string | undefined {
  if (c.privileged) return M.fargatePrivileged;
  if ((c.stopTimeout ?? 0) > FARGATE_MAX_STOP_TIMEOUT) return M.fargateStopTimeout;
  if (!spec.executionRoleArn && c.logConfiguration?.logDriver === 'awslogs') return M.fargateAwslogsNeedsExecutionRole;
  if (c.logConfiguration?.logDriver === 'awslogs' && !c.logConfiguration.options?.['awslogs-stream-prefix'])
    return M.fargateAwslogsNeedsStreamPrefix;
  if (!spec.executionRoleArn && isEcrImage(c.image)) return M.fargateEcrNeedsExecutionRole;
  return undefined;
}

/** Whether the definition asks to be validated for Fargate. */
export const requiresFargate = (spec: Pick<TaskDefinitionSpec, 'requiresCompatibilities'>) =>
  spec.requiresCompatibilities?.includes('FARGATE') ?? false;
