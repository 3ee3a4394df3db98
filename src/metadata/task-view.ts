// Gathers what a metadata response needs about a task: its record and definition from the store, its subnet and
// VPC, and, from Docker, when each container started and stopped and how much it wrote to its filesystem.
import type { TaskRuntime } from '../domain/task-runtime.js';
import type { Store } from '../store/store.js';
import { withDeadline } from './deadline.js';
import { PAUSE_CONTAINER_NAME, type LiveContainer, type TaskView } from './responses.js';
import type { FoundTask } from './task-directory.js';

const MIB = 1024 * 1024;
/** Docker computes a container's size by walking its layer: do it at most this often per task. */
const DISK_USAGE_TTL_MS = 10_000;

export class TaskViews {
  private readonly diskUsage = new Map<string, { at: number; mib: number }>();

  constructor(
    private readonly store: Store,
    private readonly runtime: TaskRuntime,
  ) {}

  async view(found: FoundTask, now: number, options: { diskUsage: boolean }): Promise<TaskView> {
    const { scope, task } = found;
    const { td, subnet, vpc } = this.store.read(scope, (s) => ({
      td: s.taskDefinitions[`${task.family}:${task.revision}`],
      subnet: s.subnets[task.attachment.subnetId],
      vpc: s.vpcs[task.attachment.vpcId],
    }));
    const live: Record<string, LiveContainer | null> = {};
    const containers = [
      ...task.containers.map((c) => ({ name: c.name, dockerId: c.dockerId })),
      { name: PAUSE_CONTAINER_NAME, dockerId: task.sandbox?.pauseContainerId },
    ];
    await Promise.all(
      containers.map(async (c) => {
        const state = c.dockerId ? await withDeadline(this.runtime.inspectContainer(c.dockerId), null) : null;
        live[c.name] = state ? { startedAt: state.startedAt, finishedAt: state.finishedAt } : null;
      }),
    );
    return {
      task,
      td,
      region: scope.region,
      subnetCidr: subnet?.cidrBlock,
      vpcCidr: vpc?.cidrBlock,
      live,
      ephemeralUtilizedMiB: options.diskUsage ? await this.utilizedMiB(found, now) : 0,
      now,
    };
  }

  forget(taskId: string): void {
    this.diskUsage.delete(taskId);
  }

  private async utilizedMiB(found: FoundTask, now: number): Promise<number> {
    const cached = this.diskUsage.get(found.task.taskId);
    if (cached && now - cached.at < DISK_USAGE_TTL_MS) return cached.mib;
    const sizes = await Promise.all(
      found.task.containers.filter((c) => c.dockerId).map((c) => withDeadline(this.runtime.writableLayerBytes(c.dockerId!), null)),
    );
    const mib = Math.round(sizes.reduce<number>((sum, s) => sum + (s ?? 0), 0) / MIB);
    this.diskUsage.set(found.task.taskId, { at: now, mib });
    return mib;
  }
}
