// While a control-plane outage fault is on, every ECS operation answers as an unavailable AWS endpoint does.
import type { Action } from '../actions/context.js';
import { serverException, serviceUnavailable } from '../domain/errors.js';
import type { FaultRegistry } from '../engine/fault-registry.js';

export function withOutageGate(operations: Readonly<Record<string, Action>>, faults: FaultRegistry): Record<string, Action> {
  return Object.fromEntries(
    Object.entries(operations).map(([name, action]) => [
      name,
      ((ctx, input) => {
        const outage = faults.outage();
        if (outage) throw outage.error === 'ServerException' ? serverException() : serviceUnavailable();
        return action(ctx, input);
      }) satisfies Action,
    ]),
  );
}
