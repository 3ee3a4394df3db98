// Names of the Docker objects of a task. They must be unique per emulator instance and task, because several
// emulators (and parallel tests) may share one engine; ownership itself is decided by labels, never by names.
import { createHash } from 'node:crypto';

/** Docker names allow [a-zA-Z0-9][a-zA-Z0-9_.-]*; anything else in an instance id becomes '-'. */
export function dockerSafe(value: string): string {
  const safe = value.replace(/[^a-zA-Z0-9_.-]/g, '-');
  return /^[a-zA-Z0-9]/.test(safe) ? safe : `x${safe}`;
}

function taskPrefix(instanceId: string, taskId: string): string {
  return `fl-${dockerSafe(instanceId)}-${taskId}`;
}

/**
 * `fl-<instance>-<taskId>-<container>` for an app; `fl-<instance>-<taskId>.pause` for the pause container
 * (ECS container names cannot contain '.', so no container definition can take that name).
 */
export function containerDockerName(instanceId: string, taskId: string, containerName: string | null): string {
  return containerName === null ? `${taskPrefix(instanceId, taskId)}.pause` : `${taskPrefix(instanceId, taskId)}-${containerName}`;
}

/**
 * The Docker network of a VPC, `fargate-local-<instance>-<vpcId>`: one per VPC and emulator instance. It must sort
 * before the agent network's name (`zz-…`), see src/runtime/networks.ts.
 */
export function vpcNetworkDockerName(instanceId: string, vpcId: string): string {
  return `fargate-local-${dockerSafe(instanceId)}-${dockerSafe(vpcId)}`;
}

/** A task's scratch volume: `fl-<instance>-<taskId>.v.<volume>`. */
export function scratchVolumeName(instanceId: string, taskId: string, volumeName: string): string {
  return `${taskPrefix(instanceId, taskId)}.v.${volumeName}`;
}

/** An EFS file system (plus root directory) as a named volume that outlives tasks: `fl-<instance>-efs.<fsId>[.<hash>]`. */
export function efsVolumeName(instanceId: string, fileSystemId: string, rootDirectory: string): string {
  const root = rootDirectory.replace(/\/+$/, '') || '/';
  const base = `fl-${dockerSafe(instanceId)}-efs.${dockerSafe(fileSystemId)}`;
  return root === '/' ? base : `${base}.${createHash('sha256').update(root).digest('hex').slice(0, 12)}`;
}
