// What every operation handler receives: who is asking (scope), and the application's dependencies.
import type { Config } from '../config.js';
import type { LoadBalancingNotifier } from '../domain/elbv2/ports.js';
import type { Clock, Ids } from '../domain/ports.js';
import type { Scope } from '../domain/scope.js';
import type { FaultRegistry } from '../engine/fault-registry.js';
import type { ServiceScheduler } from '../engine/service-scheduler.js';
import type { TaskEngine } from '../engine/task-engine.js';
import type { Logger } from '../logger.js';
import type { Store } from '../store/store.js';

export interface AppDeps {
  config: Config;
  store: Store;
  clock: Clock;
  ids: Ids;
  logger: Logger;
  tasks: TaskEngine;
  services: ServiceScheduler;
  faults: FaultRegistry;
  /** The load balancers' data plane (listeners, health checks); absent where nothing serves traffic. */
  loadBalancing?: LoadBalancingNotifier;
}

export interface ActionContext {
  scope: Scope;
  requestId: string;
  deps: AppDeps;
}

/** One ECS operation: validated input in, wire output out. Throws EcsError for client faults. */
// biome-ignore lint/suspicious/noExplicitAny: each operation narrows its own input after model validation
export type Action = (ctx: ActionContext, input: any) => unknown | Promise<unknown>;
