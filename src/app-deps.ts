// The application's dependencies, as the composition root (main.ts) builds them and every protocol handler receives
// them: configuration, the store, the clock and ids, the engine's parts.
import type { Config } from './config.js';
import type { LoadBalancingNotifier } from './domain/elbv2/ports.js';
import type { Clock, Ids } from './domain/ports.js';
import type { FaultRegistry } from './engine/fault-registry.js';
import type { ServiceScheduler } from './engine/service-scheduler.js';
import type { TaskEngine } from './engine/task-engine.js';
import type { Logger } from './logger.js';
import type { Store } from './store/store.js';

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
