// What the ELBv2 API tells the load-balancing data plane: that a region's load balancers, listeners, rules or
// targets changed, so listeners, routes and health checks follow.
import type { Scope } from '../scope.js';

export interface LoadBalancingNotifier {
  /** Resolves once listeners, routes and health checks follow the region's state. */
  changed(scope: Scope): Promise<void>;
  /** Calls `listener` whenever a target's health changes or a drained target goes; returns the unsubscribe. */
  onTargetsChanged(listener: (scope: Scope) => void): () => void;
}
