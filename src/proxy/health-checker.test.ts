import { afterEach, describe, expect, it, vi } from 'vitest';
import { DEFAULT_HEALTH_CHECK } from '../domain/elbv2/defaults.js';
import { createLogger } from '../logger.js';
import { HealthChecker, type HealthVerdict } from './health-checker.js';
import type { ProbeResult } from './health-probe.js';

afterEach(() => vi.useRealTimers());

function checker(results: ProbeResult[]) {
  const verdicts: HealthVerdict[] = [];
  let call = 0;
  const hc = new HealthChecker({
    probe: async () => results[Math.min(call++, results.length - 1)]!,
    record: (v) => verdicts.push(v),
    logger: createLogger('silent'),
  });
  const target = {
    scope: { accountId: '000000000000', region: 'us-east-1' },
    targetGroupArn: 'tg',
    ip: '10.0.0.1',
    port: 80,
    settings: { ...DEFAULT_HEALTH_CHECK, intervalSeconds: 5, healthyThresholdCount: 2, unhealthyThresholdCount: 2 },
    state: 'initial',
  };
  return { hc, verdicts, target, calls: () => call };
}

const fail = { ok: false as const, reason: 'Target.ResponseCodeMismatch', description: 'Health checks failed with these codes: [500]' };

describe('HealthChecker', () => {
  it('checks at once, then each interval, and turns healthy after the healthy threshold', async () => {
    vi.useFakeTimers();
    const { hc, verdicts, target, calls } = checker([{ ok: true }]);
    hc.follow([target]);
    await vi.advanceTimersByTimeAsync(0);
    expect(calls()).toBe(1);
    expect(verdicts.map((v) => [v.state, v.reason])).toEqual([['initial', 'Elb.InitialHealthChecking']]);
    await vi.advanceTimersByTimeAsync(5000);
    expect(calls()).toBe(2);
    expect(verdicts.at(-1)).toMatchObject({ state: 'healthy' });
    expect(verdicts.at(-1)!.reason).toBeUndefined();
    hc.close();
  });

  it('turns unhealthy after the unhealthy threshold of failures, with the reason, and back after successes', async () => {
    vi.useFakeTimers();
    const { hc, verdicts, target } = checker([{ ok: true }, { ok: true }, fail, fail, { ok: true }, { ok: true }]);
    hc.follow([target]);
    await vi.advanceTimersByTimeAsync(5000 * 2);
    expect(verdicts.map((v) => v.state)).toEqual(['initial', 'healthy']);
    await vi.advanceTimersByTimeAsync(5000);
    expect(verdicts.at(-1)).toMatchObject({
      state: 'unhealthy',
      reason: 'Target.ResponseCodeMismatch',
      description: 'Health checks failed with these codes: [500]',
    });
    await vi.advanceTimersByTimeAsync(5000 * 2);
    expect(verdicts.at(-1)).toMatchObject({ state: 'healthy' });
    hc.close();
  });

  it('stops checking targets it no longer follows', async () => {
    vi.useFakeTimers();
    const { hc, target, calls } = checker([{ ok: true }]);
    hc.follow([target]);
    await vi.advanceTimersByTimeAsync(0);
    hc.follow([]);
    await vi.advanceTimersByTimeAsync(60_000);
    expect(calls()).toBe(1);
  });
});
