import { describe, expect, it } from 'vitest';
import {
  PROVIDER_NOT_ASSOCIATED,
  removedProviders,
  validateCapacityProviderStrategy,
  validateClusterCapacityProviders,
} from './capacity-provider-strategy.js';

const BOTH = ['FARGATE', 'FARGATE_SPOT'];
const exists = (n: string) => BOTH.includes(n);

describe('validateClusterCapacityProviders', () => {
  it('accepts FARGATE and FARGATE_SPOT', () => {
    expect(validateClusterCapacityProviders(BOTH, exists)).toEqual(BOTH);
  });

  it('refuses unknown and repeated providers', () => {
    expect(() => validateClusterCapacityProviders(['EC2'], exists)).toThrow(
      'The specified capacity provider was not found. Specify a valid capacity provider and try again.',
    );
    expect(() => validateClusterCapacityProviders(['FARGATE', 'FARGATE'], exists)).toThrow(/more than once/);
  });
});

describe('validateCapacityProviderStrategy', () => {
  it('defaults weight and base to 0', () => {
    expect(validateCapacityProviderStrategy([{ capacityProvider: 'FARGATE' }], BOTH)).toEqual([
      { capacityProvider: 'FARGATE', weight: 0, base: 0 },
    ]);
  });

  it('accepts the bounds: weight 0..1000, base 0..100000', () => {
    expect(
      validateCapacityProviderStrategy(
        [
          { capacityProvider: 'FARGATE', weight: 1000, base: 100000 },
          { capacityProvider: 'FARGATE_SPOT', weight: 0, base: 0 },
        ],
        BOTH,
      ),
    ).toHaveLength(2);
  });

  it.each([
    [{ capacityProvider: 'FARGATE', weight: 1001 }],
    [{ capacityProvider: 'FARGATE', weight: -1 }],
    [{ capacityProvider: 'FARGATE', weight: 1.5 }],
    [{ capacityProvider: 'FARGATE', base: 100001 }],
    [{ capacityProvider: 'FARGATE', base: -1 }],
  ])('refuses %j', (item) => {
    expect(() => validateCapacityProviderStrategy([item], BOTH)).toThrow(expect.objectContaining({ code: 'InvalidParameterException' }));
  });

  it('allows a base on one provider only', () => {
    expect(() =>
      validateCapacityProviderStrategy(
        [
          { capacityProvider: 'FARGATE', base: 1 },
          { capacityProvider: 'FARGATE_SPOT', base: 2 },
        ],
        BOTH,
      ),
    ).toThrow(/base/);
    expect(
      validateCapacityProviderStrategy(
        [
          { capacityProvider: 'FARGATE', base: 1 },
          { capacityProvider: 'FARGATE_SPOT', base: 0, weight: 1 },
        ],
        BOTH,
      ),
    ).toHaveLength(2);
  });

  it('refuses providers not associated with the cluster, and repeats', () => {
    expect(() => validateCapacityProviderStrategy([{ capacityProvider: 'FARGATE_SPOT' }], ['FARGATE'])).toThrow(PROVIDER_NOT_ASSOCIATED);
    expect(() => validateCapacityProviderStrategy([{ capacityProvider: 'FARGATE' }, { capacityProvider: 'FARGATE' }], BOTH)).toThrow(
      /more than once/,
    );
  });

  it('refuses more than 20 items', () => {
    const many = Array.from({ length: 21 }, (_, i) => ({ capacityProvider: `p${i}` }));
    expect(() =>
      validateCapacityProviderStrategy(
        many,
        many.map((m) => m.capacityProvider),
      ),
    ).toThrow(/more than 20/);
  });
});

it('removedProviders lists what the new list drops', () => {
  expect(removedProviders(['FARGATE', 'FARGATE_SPOT'], ['FARGATE_SPOT'])).toEqual(['FARGATE']);
});
