// Task volumes. Scratch volumes are Docker volumes labelled with the task and removed with it. An EFS file system
// (plus root directory) is a named volume labelled efs that outlives tasks, so data persists across tasks.
import type Dockerode from 'dockerode';
import type { TaskIdentity } from '../domain/task-runtime.js';
import { ignoreNotFound } from './docker-errors.js';
import {
  labelFilter,
  LABEL_EFS_FILE_SYSTEM_ID,
  LABEL_EFS_ROOT_DIRECTORY,
  LABEL_INSTANCE,
  LABEL_ROLE,
  LABEL_TASK_ARN,
  LABEL_TASK_ID,
  LABEL_VOLUME_NAME,
} from './labels.js';
import { efsVolumeName, scratchVolumeName } from './names.js';

export async function ensureScratchVolumes(docker: Dockerode, instanceId: string, task: TaskIdentity, names: string[]): Promise<void> {
  await Promise.all(
    names.map((volume) =>
      docker.createVolume({
        Name: scratchVolumeName(instanceId, task.taskId, volume),
        Labels: {
          [LABEL_INSTANCE]: instanceId,
          [LABEL_ROLE]: 'scratch-volume',
          [LABEL_TASK_ID]: task.taskId,
          [LABEL_TASK_ARN]: task.taskArn,
          [LABEL_VOLUME_NAME]: volume,
        },
      }),
    ),
  );
}

export async function removeScratchVolumes(docker: Dockerode, instanceId: string, taskId: string): Promise<void> {
  const { Volumes } = await docker.listVolumes({
    filters: labelFilter({ [LABEL_INSTANCE]: instanceId, [LABEL_TASK_ID]: taskId, [LABEL_ROLE]: 'scratch-volume' }),
  });
  await Promise.all((Volumes ?? []).map((v) => ignoreNotFound(() => docker.getVolume(v.Name).remove())));
}

/** Creating a volume that exists returns the existing one, so this is idempotent. */
export async function ensureEfsVolume(docker: Dockerode, instanceId: string, fileSystemId: string, rootDirectory: string): Promise<string> {
  const name = efsVolumeName(instanceId, fileSystemId, rootDirectory);
  await docker.createVolume({
    Name: name,
    Labels: {
      [LABEL_INSTANCE]: instanceId,
      [LABEL_ROLE]: 'efs-volume',
      [LABEL_EFS_FILE_SYSTEM_ID]: fileSystemId,
      [LABEL_EFS_ROOT_DIRECTORY]: rootDirectory,
    },
  });
  return name;
}
