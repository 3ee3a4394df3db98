// Wires the engine's observations to ECS events: every task status change becomes an "ECS Task State Change", every
// scheduler notice an "ECS Service Action" or "ECS Deployment State Change".
import type { Clock, Ids } from '../domain/ports.js';
import type { ServiceScheduler } from '../engine/service-scheduler.js';
import type { TaskEngine } from '../engine/task-engine.js';
import { deploymentStateChange, serviceAction, taskStateChange } from './ecs-events.js';
import type { EventHub } from './event-hub.js';

export function publishEcsEvents(hub: EventHub, tasks: TaskEngine, scheduler: ServiceScheduler, ids: Ids, clock: Clock): () => void {
  const offTasks = tasks.onTaskChanged(({ scope, task, previous }) => {
    if (previous && previous.lastStatus === task.lastStatus && previous.desiredStatus === task.desiredStatus) return;
    hub.publish(taskStateChange(scope, ids.uuid(), clock.now(), task));
  });
  const offNotices = scheduler.onNotice((scope, service, notice) => {
    const now = clock.now();
    hub.publish(
      notice.kind === 'deployment'
        ? deploymentStateChange(scope, ids.uuid(), now, service, { id: notice.deploymentId }, notice.eventName, notice.reason)
        : serviceAction(scope, ids.uuid(), now, service, notice.eventName, notice.eventType, notice.extra),
    );
  });
  return () => {
    offTasks();
    offNotices();
  };
}
