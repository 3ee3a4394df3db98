// Keeps Cloud Map in step with the tasks of ECS services that have serviceRegistries: after every stored change
// of a service's task, its registration is brought in line (domain/cloudmap/ecs-registration.ts). Task changes are
// told synchronously, so the deregistration of a stopping task is stored before its containers are signalled.
import { newOperationId } from '../domain/cloudmap/ids.js';
import { syncTaskRegistration } from '../domain/cloudmap/ecs-registration.js';
import type { Clock, Ids } from '../domain/ports.js';
import type { Logger } from '../logger.js';
import type { Store } from '../store/store.js';
import type { TaskEngine } from './task-engine.js';

export interface ServiceRegistriesContext {
  store: Store;
  clock: Clock;
  ids: Ids;
  logger: Logger;
}

/** Starts following task changes; returns the unsubscribe. */
export function followServiceRegistries(ctx: ServiceRegistriesContext, tasks: TaskEngine): () => void {
  return tasks.onTaskChanged(({ scope, task }) => {
    if (!task.group.startsWith('service:')) return;
    ctx.store.update(scope, (state) =>
      syncTaskRegistration(state, task.taskId, scope.region, ctx.clock.now(), () => newOperationId(ctx.ids)),
    );
  });
}
