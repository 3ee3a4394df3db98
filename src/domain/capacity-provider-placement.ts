// Spreading tasks over capacity providers as ECS does: `base` tasks first on the one provider that sets it,
// the rest in proportion to `weight`; weight-0 providers get nothing beyond their base.

export interface StrategyItem {
  capacityProvider: string;
  weight: number;
  base: number;
}

/**
 * The provider for each of `count` new tasks, given how many tasks each provider already runs for this
 * strategy's owner (a service), so repeated calls keep converging to the same split.
 */
export function assignProviders(strategy: readonly StrategyItem[], count: number, running: Record<string, number> = {}): string[] {
  const placed: Record<string, number> = {};
  for (const item of strategy) placed[item.capacityProvider] = running[item.capacityProvider] ?? 0;
  const out: string[] = [];
  for (let i = 0; i < count; i++) {
    const baseOwner = strategy.find((s) => s.base > 0 && placed[s.capacityProvider]! < s.base);
    let choice = baseOwner?.capacityProvider;
    if (!choice) {
      const weighted = strategy.filter((s) => s.weight > 0);
      if (weighted.length === 0) break;
      const totalWeight = weighted.reduce((n, s) => n + s.weight, 0);
      const totalBeyondBase = weighted.reduce((n, s) => n + Math.max(0, placed[s.capacityProvider]! - s.base), 0) + 1;
      // The provider furthest below its weighted share of the tasks placed beyond base.
      let best = weighted[0]!;
      let bestDeficit = -Infinity;
      for (const s of weighted) {
        const share = (totalBeyondBase * s.weight) / totalWeight;
        const deficit = share - Math.max(0, placed[s.capacityProvider]! - s.base);
        if (deficit > bestDeficit + 1e-9) {
          best = s;
          bestDeficit = deficit;
        }
      }
      choice = best.capacityProvider;
    }
    placed[choice] = (placed[choice] ?? 0) + 1;
    out.push(choice);
  }
  return out;
}
