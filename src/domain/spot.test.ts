import { describe, expect, it } from 'vitest';
import { interruptedDuring, pickRandom, shareOf } from './spot.js';
import { parseFaultRequest, providerOfFault } from './faults.js';

describe('Spot shares', () => {
  it.each([
    [4, 50, 2],
    [3, 50, 2],
    [3, 1, 1],
    [3, 0, 0],
    [0, 50, 0],
    [5, 100, 5],
    [5, 250, 5],
  ])('%i tasks at %i%% is %i', (count, percent, n) => {
    expect(shareOf(count, percent)).toBe(n);
  });

  it('picks distinct items', () => {
    const seq = [0.9, 0.1, 0.5];
    let i = 0;
    const picked = pickRandom(['a', 'b', 'c', 'd'], 3, () => seq[i++ % seq.length]!);
    expect(new Set(picked).size).toBe(3);
  });

  it('interrupts at the configured rate per task-hour', () => {
    expect(interruptedDuring(0, 3_600_000, () => 0)).toBe(false);
    // P(one hour at 1/h) = 1 - 1/e ≈ 0.632
    expect(interruptedDuring(1, 3_600_000, () => 0.6)).toBe(true);
    expect(interruptedDuring(1, 3_600_000, () => 0.65)).toBe(false);
    let hits = 0;
    let x = 0.5;
    const random = () => (x = (x * 9301 + 0.49297) % 1);
    for (let i = 0; i < 10_000; i++) if (interruptedDuring(6, 60_000, random)) hits += 1;
    expect(hits / 10_000).toBeGreaterThan(0.07);
    expect(hits / 10_000).toBeLessThan(0.12);
  });
});

describe('fault requests', () => {
  it('names the provider a capacity fault takes away', () => {
    expect(providerOfFault('spot-capacity-unavailable')).toBe('FARGATE_SPOT');
    expect(providerOfFault('fargate-capacity-unavailable')).toBe('FARGATE');
    expect(providerOfFault('control-plane-outage')).toBeUndefined();
  });

  it('defaults an outage to ServiceUnavailable and refuses unknown kinds', () => {
    expect(parseFaultRequest({ kind: 'control-plane-outage' })).toEqual({ kind: 'control-plane-outage', error: 'ServiceUnavailable' });
    expect(() => parseFaultRequest({ kind: 'nope' })).toThrow(/kind must be one of/);
    expect(() => parseFaultRequest({ kind: 'control-plane-outage', error: 'Teapot' })).toThrow(/error must be/);
  });
});
