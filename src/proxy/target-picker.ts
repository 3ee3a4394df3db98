// Choosing a target, as an ALB does for one forward action: a target group by weight (smooth weighted round
// robin, so 80/20 is exact over every 5 requests), then the group's next routable target in round robin.
// Routable targets are the healthy ones; when a group has none healthy, all its unhealthy ones (ALB fails open);
// targets still in their initial checks or draining get no new requests. A group with health checks disabled
// routes to every registered target.
export interface PickableTarget {
  ip: string;
  port: number;
  state: string;
}

export interface PickableGroup {
  targetGroupArn: string;
  weight: number;
  healthCheckEnabled: boolean;
  targets: readonly PickableTarget[];
}

export function routableTargets(group: PickableGroup): PickableTarget[] {
  const live = group.targets.filter((t) => t.state !== 'draining');
  if (!group.healthCheckEnabled) return live;
  const healthy = live.filter((t) => t.state === 'healthy');
  return healthy.length ? healthy : live.filter((t) => t.state === 'unhealthy');
}

export class TargetPicker {
  private readonly current = new Map<string, number>();
  private readonly cursor = new Map<string, number>();

  /** The next target for a forward over these groups; null when no group with weight has a routable target. */
  pick(groups: readonly PickableGroup[]): { group: PickableGroup; target: PickableTarget } | null {
    const candidates = groups.filter((g) => g.weight > 0).map((g) => ({ g, targets: routableTargets(g) }));
    const usable = candidates.filter((c) => c.targets.length > 0);
    if (usable.length === 0) return null;
    const total = usable.reduce((n, c) => n + c.g.weight, 0);
    let best = usable[0]!;
    for (const c of usable) {
      const value = (this.current.get(c.g.targetGroupArn) ?? 0) + c.g.weight;
      this.current.set(c.g.targetGroupArn, value);
      if (value > (this.current.get(best.g.targetGroupArn) ?? 0)) best = c;
    }
    this.current.set(best.g.targetGroupArn, (this.current.get(best.g.targetGroupArn) ?? 0) - total);
    const index = this.cursor.get(best.g.targetGroupArn) ?? 0;
    this.cursor.set(best.g.targetGroupArn, index + 1);
    return { group: best.g, target: best.targets[index % best.targets.length]! };
  }
}
