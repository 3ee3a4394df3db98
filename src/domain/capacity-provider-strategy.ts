// Capacity providers a cluster may use, and capacity provider strategies (a cluster's default one, or one given to
// RunTask / CreateService), checked as AWS checks them:
//   weight 0..1000, base 0..100000 (default 0 for both), only one item may set a base, each provider at most once,
//   every provider associated with the cluster. A strategy whose weights are all 0 is accepted here; AWS refuses it
//   only when a task is placed with it.
import type * as Ecs from '@aws-sdk/client-ecs';
import type { CapacityProviderStrategyItem } from './cluster.js';
import { invalidParameter } from './errors.js';

/** The capacity providers every account has for Fargate. No others exist in fargate-local. */
export const FARGATE_CAPACITY_PROVIDERS = ['FARGATE', 'FARGATE_SPOT'] as const;

export const MAX_WEIGHT = 1000;
export const MAX_BASE = 100_000;
export const MAX_STRATEGY_ITEMS = 20;

/** AWS's wording (observed on CreateCluster with a name that is no capacity provider). */
export const CAPACITY_PROVIDER_NOT_FOUND =
  'The specified capacity provider was not found. Specify a valid capacity provider and try again.';
/** AWS's wording (observed on RunTask with a strategy naming a provider the cluster does not have). */
export const PROVIDER_NOT_ASSOCIATED =
  'The specified capacity provider strategy cannot contain a capacity provider that is not associated with the cluster. ' +
  'Associate the capacity provider with the cluster or specify a valid capacity provider and try again.';

export const isFargateCapacityProvider = (name: string) => (FARGATE_CAPACITY_PROVIDERS as readonly string[]).includes(name);

/** The providers a cluster is to be associated with; `exists` says whether a provider of that name exists. */
export function validateClusterCapacityProviders(names: readonly string[], exists: (name: string) => boolean): string[] {
  const seen = new Set<string>();
  for (const name of names) {
    if (!exists(name)) throw invalidParameter(CAPACITY_PROVIDER_NOT_FOUND);
    if (seen.has(name))
      throw invalidParameter(`The capacity provider '${name}' is specified more than once. Specify each capacity provider only once.`);
    seen.add(name);
  }
  return [...names];
}

/** A strategy checked against the providers associated with the cluster; defaults filled in (weight 0, base 0). */
export function validateCapacityProviderStrategy(
  items: readonly Ecs.CapacityProviderStrategyItem[],
  associated: readonly string[],
): CapacityProviderStrategyItem[] {
  if (items.length > MAX_STRATEGY_ITEMS) {
    throw invalidParameter(`The specified capacity provider strategy cannot contain more than ${MAX_STRATEGY_ITEMS} capacity providers.`);
  }
  const seen = new Set<string>();
  const strategy = items.map((item) => {
    const capacityProvider = item.capacityProvider ?? '';
    const weight = item.weight ?? 0;
    const base = item.base ?? 0;
    if (!Number.isInteger(weight) || weight < 0 || weight > MAX_WEIGHT) {
      throw invalidParameter(`The specified capacity provider strategy is invalid. The weight value must be between 0 and ${MAX_WEIGHT}.`);
    }
    if (!Number.isInteger(base) || base < 0 || base > MAX_BASE) {
      throw invalidParameter(`The specified capacity provider strategy is invalid. The base value must be between 0 and ${MAX_BASE}.`);
    }
    if (seen.has(capacityProvider)) {
      throw invalidParameter(
        `The specified capacity provider strategy cannot contain the capacity provider '${capacityProvider}' more than once.`,
      );
    }
    seen.add(capacityProvider);
    if (!associated.includes(capacityProvider)) throw invalidParameter(PROVIDER_NOT_ASSOCIATED);
    return { capacityProvider, weight, base };
  });
  if (strategy.filter((s) => s.base > 0).length > 1) {
    throw invalidParameter(
      'The specified capacity provider strategy is invalid. Only one capacity provider in a strategy can have a base defined.',
    );
  }
  return strategy;
}

/** Providers in `before` that are not in `after`. */
export const removedProviders = (before: readonly string[], after: readonly string[]) => before.filter((p) => !after.includes(p));
