import { describe, expect, it } from 'vitest';
import { routableTargets, TargetPicker, type PickableGroup } from './target-picker.js';

const group = (arn: string, weight: number, states: string[], healthCheckEnabled = true): PickableGroup => ({
  targetGroupArn: arn,
  weight,
  healthCheckEnabled,
  targets: states.map((state, i) => ({ ip: `10.0.0.${i + 1}`, port: 80, state })),
});

describe('TargetPicker', () => {
  it('goes round robin over the healthy targets of a group', () => {
    const picker = new TargetPicker();
    const g = group('a', 1, ['healthy', 'initial', 'healthy', 'draining', 'unhealthy']);
    const picks = Array.from({ length: 4 }, () => picker.pick([g])!.target.ip);
    expect(picks).toEqual(['10.0.0.1', '10.0.0.3', '10.0.0.1', '10.0.0.3']);
  });

  it('respects weights exactly over each cycle, and skips groups of weight 0 or without routable targets', () => {
    const picker = new TargetPicker();
    const groups = [group('blue', 80, ['healthy']), group('green', 20, ['healthy']), group('off', 0, ['healthy'])];
    const picks = Array.from({ length: 10 }, () => picker.pick(groups)!.group.targetGroupArn);
    expect(picks.filter((p) => p === 'blue')).toHaveLength(8);
    expect(picks.filter((p) => p === 'green')).toHaveLength(2);
    expect(picker.pick([group('a', 1, ['initial', 'draining'])])).toBeNull();
    expect(picker.pick([group('a', 1, ['initial']), group('b', 1, ['healthy'])])!.group.targetGroupArn).toBe('b');
  });

  it('fails open to the unhealthy targets when none is healthy, and routes to all when checks are off', () => {
    expect(routableTargets(group('a', 1, ['unhealthy', 'initial', 'unhealthy'])).map((t) => t.ip)).toEqual(['10.0.0.1', '10.0.0.3']);
    expect(routableTargets(group('a', 1, ['unavailable', 'initial', 'draining'], false)).map((t) => t.ip)).toEqual([
      '10.0.0.1',
      '10.0.0.2',
    ]);
  });
});
