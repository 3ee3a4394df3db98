// Docker stats for one container or every container of a task (keyed by DockerId, null where there are none).
import type { ContainerRecord } from '../domain/task.js';
import { withDeadline } from './deadline.js';
import type { RouteContext } from './route-context.js';
import { eniNetworksOf } from './stats.js';
import type { FoundTask } from './task-directory.js';

async function eniNetworks(ctx: RouteContext, found: FoundTask) {
  const pause = found.task.sandbox?.pauseContainerId;
  return eniNetworksOf(pause ? await withDeadline(ctx.runtime.stats(pause), null) : null);
}

export async function containerStats(
  ctx: RouteContext,
  found: FoundTask,
  container: ContainerRecord,
  v4: boolean,
  networks?: Awaited<ReturnType<typeof eniNetworks>>,
): Promise<Record<string, unknown> | null> {
  if (!container.dockerId) return null;
  const raw = await withDeadline(ctx.runtime.stats(container.dockerId), null);
  if (!raw) return null;
  const eni = networks ?? (await eniNetworks(ctx, found));
  return ctx.sampler.shape(container.dockerId, raw, { id: container.runtimeId, name: container.name }, eni, { v4, now: ctx.clock.now() });
}

export async function taskStats(ctx: RouteContext, found: FoundTask, v4: boolean): Promise<Record<string, unknown>> {
  const networks = await eniNetworks(ctx, found);
  const listed = found.task.containers.filter((c) => c.dockerId);
  const stats = await Promise.all(listed.map((c) => containerStats(ctx, found, c, v4, networks)));
  return Object.fromEntries(listed.map((c, i) => [c.runtimeId, stats[i]]));
}
