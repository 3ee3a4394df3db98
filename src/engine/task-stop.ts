// Taking a task down: DEACTIVATING → STOPPING (containers stopped in reverse dependsOn order, each with its
// stopTimeout: SIGTERM, then SIGKILL) → DEPROVISIONING (containers removed, ENI deleted) → STOPPED.
import { stopTimeoutOf } from '../domain/container-spec.js';
import { stopWaves, type ContainerDependency } from '../domain/container-dependencies.js';
import { deleteEni } from '../domain/network/network-state.js';
import type { Scope } from '../domain/scope.js';
import { advance, canAdvance, firstStopStatus, OUT_OF_MEMORY } from '../domain/task-lifecycle.js';
import type { ContainerRecord } from '../domain/task.js';
import { getTask, taskDefinitionOf, updateTask, type EngineContext } from './engine-context.js';

export interface StopOptions {
  /** Overrides every container's stopTimeout (Spot interruption's grace period), in seconds. */
  graceSeconds?: number;
  /** Signal all containers at once instead of in dependency order (Spot interruption). */
  allAtOnce?: boolean;
}

/** Records a container's exit as ECS reports it. */
export function recordExit(c: ContainerRecord, exitCode: number, oomKilled: boolean): void {
  c.lastStatus = 'STOPPED';
  c.exitCode = exitCode;
  if (oomKilled) c.reason = OUT_OF_MEMORY;
}

/** Runs one removal within a bound shared by all tasks (a mass stop must not hit Docker with every removal at once). */
export type RemovalLimit = <T>(work: () => Promise<T>) => Promise<T>;

export async function stopTask(
  ctx: EngineContext,
  scope: Scope,
  taskId: string,
  options: StopOptions = {},
  removalLimit: RemovalLimit = (work) => work(),
): Promise<void> {
  const first = getTask(ctx, scope, taskId);
  if (!first || first.lastStatus === 'STOPPED' || first.desiredStatus !== 'STOPPED') return;

  updateTask(ctx, scope, taskId, (t) => {
    const now = ctx.clock.now();
    const to = firstStopStatus(t);
    if (canAdvance(t.lastStatus, to)) advance(t, to, now);
    if (canAdvance(t.lastStatus, 'STOPPING') && t.lastStatus === 'DEACTIVATING') advance(t, 'STOPPING', now);
  });

  await stopContainers(ctx, scope, taskId, options);
  // The last lines a container wrote reach CloudWatch Logs before the task reports STOPPED.
  await ctx.containerLogs?.drain(taskId);

  updateTask(ctx, scope, taskId, (t) => {
    if (canAdvance(t.lastStatus, 'DEPROVISIONING')) advance(t, 'DEPROVISIONING', ctx.clock.now());
    if (t.attachment.status === 'ATTACHED') t.attachment.status = 'DETACHING';
  });

  if (!ctx.config.keepStoppedContainers) {
    // A task stops even when its containers cannot be removed now (engine gone): they are orphans the next
    // start-up sweeps, and the task must not hang in DEPROVISIONING.
    await removalLimit(() => ctx.runtime.removeTask(taskId)).catch((err) =>
      ctx.logger.warn({ err, taskId }, 'removing the task containers failed'),
    );
  }

  const stopped = updateTask(ctx, scope, taskId, (t, state) => {
    if (t.attachment.networkInterfaceId) deleteEni(state, t.attachment.networkInterfaceId);
    t.attachment.status = 'DELETED';
    if (canAdvance(t.lastStatus, 'STOPPED')) advance(t, 'STOPPED', ctx.clock.now());
  });
  // Its credentials die with the task.
  if (stopped) ctx.agent?.release(stopped);
}

async function stopContainers(ctx: EngineContext, scope: Scope, taskId: string, options: StopOptions): Promise<void> {
  const task = getTask(ctx, scope, taskId);
  if (!task) return;
  const td = taskDefinitionOf(ctx, scope, task);
  const defOf = (name: string) => td?.containerDefinitions.find((d) => d.name === name);
  const live = task.containers.filter((c) => c.dockerId && c.lastStatus !== 'STOPPED').map((c) => c.name);
  const waves = options.allAtOnce ? [live] : stopWaves(live, (n) => (defOf(n)?.dependsOn ?? []) as ContainerDependency[]);
  for (const wave of waves) {
    await Promise.all(
      wave.map(async (name) => {
        const dockerId = task.containers.find((c) => c.name === name)!.dockerId!;
        const timeout = options.graceSeconds ?? stopTimeoutOf(defOf(name));
        await ctx.runtime.stopContainer(dockerId, timeout).catch((err) => ctx.logger.warn({ err, taskId, name }, 'stop failed'));
        const state = await ctx.runtime.inspectContainer(dockerId).catch(() => null);
        updateTask(ctx, scope, taskId, (t) => {
          const c = t.containers.find((x) => x.name === name)!;
          if (c.lastStatus === 'STOPPED') return;
          recordExit(c, state?.exitCode ?? 137, state?.oomKilled ?? false);
          t.version += 1;
        });
      }),
    );
  }
}
