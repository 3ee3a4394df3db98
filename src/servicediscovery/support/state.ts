// A Cloud Map action's view of the region's state. Updates lay out the default VPC first (as EC2's actions do),
// so a private DNS namespace can name it before anything else asked for it.
import type { ActionContext } from '../../actions/context.js';
import { ensureDefaultVpc } from '../../domain/network/network-state.js';
import type { RegionState } from '../../store/schema.js';

export const readState = <T>(ctx: ActionContext, fn: (state: Readonly<RegionState>) => T): T => ctx.deps.store.read(ctx.scope, fn);

export function updateState<T>(ctx: ActionContext, fn: (state: RegionState) => T): T {
  const { deps, scope } = ctx;
  return deps.store.update(scope, (s) => {
    ensureDefaultVpc(s, scope, deps.clock.now(), deps.config.defaultVpcCidr);
    return fn(s);
  });
}
