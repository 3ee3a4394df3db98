// Fargate Spot interruptions: which tasks an interruption takes, and the words ECS uses for it.
// AWS: a two-minute warning goes out as an "ECS Task State Change" event and as SIGTERM to the task's containers;
// what still runs when the warning period ends is killed; the task stops with stopCode SpotInterruption and
// stoppedReason "Your Spot Task was interrupted." (Fargate capacity providers guide, EventBridge example).

export const SPOT_INTERRUPTION_REASON = 'Your Spot Task was interrupted.';
export const SPOT_PROVIDER = 'FARGATE_SPOT';

/** How many of `count` tasks a `percent` share takes (rounded up, so any share above 0 takes at least one). */
export function shareOf(count: number, percent: number): number {
  if (percent <= 0 || count === 0) return 0;
  return Math.min(count, Math.ceil((count * Math.min(percent, 100)) / 100));
}

/** Picks `n` of `items` at random (`random` returns [0, 1)). */
export function pickRandom<T>(items: readonly T[], n: number, random: () => number): T[] {
  const pool = [...items];
  const out: T[] = [];
  while (out.length < n && pool.length > 0) out.push(pool.splice(Math.floor(random() * pool.length), 1)[0]!);
  return out;
}

/**
 * Whether one Spot task is interrupted during `elapsedMs`, at `ratePerHour` interruptions per task-hour
 * (a Poisson process: P = 1 - e^(-rate × hours)).
 */
export function interruptedDuring(ratePerHour: number, elapsedMs: number, random: () => number): boolean {
  if (ratePerHour <= 0) return false;
  const p = 1 - Math.exp((-ratePerHour * elapsedMs) / 3_600_000);
  return random() < p;
}
