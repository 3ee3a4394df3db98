import { describe, expect, it } from 'vitest';
import { assignProviders } from './capacity-provider-placement.js';

const count = (xs: string[]) =>
  xs.reduce<Record<string, number>>((m, x) => {
    m[x] = (m[x] ?? 0) + 1;
    return m;
  }, {});

describe('assignProviders', () => {
  it('puts base tasks first on the provider that sets base, the rest by weight', () => {
    const strategy = [
      { capacityProvider: 'FARGATE', base: 2, weight: 1 },
      { capacityProvider: 'FARGATE_SPOT', base: 0, weight: 3 },
    ];
    const out = assignProviders(strategy, 10);
    expect(out.slice(0, 2)).toEqual(['FARGATE', 'FARGATE']);
    expect(count(out)).toEqual({ FARGATE: 4, FARGATE_SPOT: 6 });
  });
  it('gives weight-0 providers nothing beyond their base', () => {
    const out = assignProviders(
      [
        { capacityProvider: 'FARGATE', base: 1, weight: 0 },
        { capacityProvider: 'FARGATE_SPOT', base: 0, weight: 1 },
      ],
      5,
    );
    expect(count(out)).toEqual({ FARGATE: 1, FARGATE_SPOT: 4 });
  });
  it('weights 1:4 put one task in five on the first provider', () => {
    const out = assignProviders(
      [
        { capacityProvider: 'FARGATE', base: 0, weight: 1 },
        { capacityProvider: 'FARGATE_SPOT', base: 0, weight: 4 },
      ],
      10,
    );
    expect(count(out)).toEqual({ FARGATE: 2, FARGATE_SPOT: 8 });
  });
  it('continues from what already runs', () => {
    const strategy = [
      { capacityProvider: 'FARGATE', base: 1, weight: 1 },
      { capacityProvider: 'FARGATE_SPOT', base: 0, weight: 1 },
    ];
    expect(assignProviders(strategy, 1, { FARGATE: 2, FARGATE_SPOT: 0 })).toEqual(['FARGATE_SPOT']);
    expect(assignProviders(strategy, 1, { FARGATE: 1, FARGATE_SPOT: 1 })).toEqual(['FARGATE']);
  });
});
