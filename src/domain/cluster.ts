// Clusters: the records we keep and the rules that apply to them.
import { createHash } from 'node:crypto';
import type * as Ecs from '@aws-sdk/client-ecs';
import { clusterArn, cloudMapNamespaceArn } from './arn.js';
import { invalidParameter } from './errors.js';
import type { Scope } from './scope.js';

export type ClusterStatus = 'ACTIVE' | 'PROVISIONING' | 'DEPROVISIONING' | 'FAILED' | 'INACTIVE';

export interface ClusterSetting {
  name: string;
  value: string;
}

export interface CapacityProviderStrategyItem {
  capacityProvider: string;
  weight: number;
  base: number;
}

export interface ServiceConnectDefaults {
  /** The Cloud Map namespace ARN, as AWS reports it. */
  namespace: string;
}

export interface ClusterRecord {
  clusterName: string;
  clusterArn: string;
  status: ClusterStatus;
  settings: ClusterSetting[];
  /** ClusterConfiguration as given (executeCommandConfiguration, managedStorageConfiguration). */
  configuration?: Record<string, unknown>;
  capacityProviders: string[];
  defaultCapacityProviderStrategy: CapacityProviderStrategyItem[];
  serviceConnectDefaults?: ServiceConnectDefaults;
  /** Epoch ms. */
  createdAt: number;
}

const CLUSTER_NAME_RE = /^[a-zA-Z0-9_-]{1,255}$/;

export function assertValidClusterName(name: string): void {
  if (!CLUSTER_NAME_RE.test(name)) {
    throw invalidParameter(
      'Cluster name must be up to 255 letters (uppercase and lowercase), numbers, underscores, and hyphens are allowed.',
    );
  }
}

export const isValidClusterName = (name: string) => CLUSTER_NAME_RE.test(name);

export const CONTAINER_INSIGHTS = 'containerInsights';
export const CONTAINER_INSIGHTS_VALUES = ['enabled', 'disabled', 'enhanced'] as const;

/**
 * Cluster settings as given, checked. The only cluster setting is containerInsights (enabled / disabled / enhanced).
 * Messages are ours (AWS's wording not found).
 */
export function validateClusterSettings(settings: readonly Ecs.ClusterSetting[]): ClusterSetting[] {
  return settings.map((s) => {
    if (s.name !== CONTAINER_INSIGHTS) {
      throw invalidParameter(`Cluster setting name should be one of [${CONTAINER_INSIGHTS}]`);
    }
    const value = s.value ?? '';
    if (!(CONTAINER_INSIGHTS_VALUES as readonly string[]).includes(value)) {
      throw invalidParameter(
        `Invalid value '${value}' for the ${CONTAINER_INSIGHTS} cluster setting. Valid values are: ${CONTAINER_INSIGHTS_VALUES.join(', ')}.`,
      );
    }
    return { name: CONTAINER_INSIGHTS, value };
  });
}

/** `current` with `changes` applied by name (the last change of a name wins). */
export function mergeClusterSettings(current: readonly ClusterSetting[], changes: readonly ClusterSetting[]): ClusterSetting[] {
  const result = current.map((s) => ({ ...s }));
  for (const change of changes) {
    const found = result.find((s) => s.name === change.name);
    if (found) found.value = change.value;
    else result.push({ ...change });
  }
  return result;
}

/**
 * A new ACTIVE cluster. `containerInsightsDefault` is the caller's effective containerInsights account setting,
 * which new clusters take unless `settings` says otherwise.
 */
export function newClusterRecord(
  scope: Scope,
  name: string,
  now: number,
  containerInsightsDefault: string,
  init: Partial<
    Pick<ClusterRecord, 'settings' | 'configuration' | 'capacityProviders' | 'defaultCapacityProviderStrategy' | 'serviceConnectDefaults'>
  > = {},
): ClusterRecord {
  const record: ClusterRecord = {
    clusterName: name,
    clusterArn: clusterArn(scope, name),
    status: 'ACTIVE',
    settings: mergeClusterSettings([{ name: CONTAINER_INSIGHTS, value: containerInsightsDefault }], init.settings ?? []),
    capacityProviders: [...(init.capacityProviders ?? [])],
    defaultCapacityProviderStrategy: (init.defaultCapacityProviderStrategy ?? []).map((s) => ({ ...s })),
    createdAt: now,
  };
  if (init.configuration) record.configuration = init.configuration;
  if (init.serviceConnectDefaults) record.serviceConnectDefaults = { ...init.serviceConnectDefaults };
  return record;
}

/** ClusterConfiguration: each part given replaces the stored one; parts not given are kept. */
export function mergeConfiguration(current: Record<string, unknown> | undefined, given: Record<string, unknown>): Record<string, unknown> {
  const result: Record<string, unknown> = { ...(current ?? {}) };
  for (const [key, value] of Object.entries(given)) {
    if (value !== undefined) result[key] = value;
  }
  return result;
}

const NAMESPACE_ARN_RE = /^arn:aws[a-z-]*:servicediscovery:[a-z0-9-]+:\d{12}:namespace\/ns-[a-z0-9]+$/;

/**
 * The Cloud Map namespace a Service Connect default names, as the ARN AWS reports. A name stands for the HTTP
 * namespace AWS would create for it: the same name always maps to the same ARN in an account and region.
 * Returns undefined for an empty namespace (no default).
 */
export function serviceConnectNamespaceArn(scope: Scope, namespace: string | undefined): string | undefined {
  if (namespace === undefined || namespace === '') return undefined;
  if (namespace.startsWith('arn:')) {
    if (!NAMESPACE_ARN_RE.test(namespace)) throw invalidParameter('The specified namespace ARN is not valid.');
    return namespace;
  }
  const id = createHash('sha256').update(`${scope.accountId}/${scope.region}/${namespace}`).digest('hex').slice(0, 16);
  return cloudMapNamespaceArn(scope, `ns-${id}`);
}

/** Whether CreateCluster's capacity provider arguments agree with the existing cluster of that name. */
export function sameCapacityProviderArguments(
  existing: ClusterRecord,
  capacityProviders: readonly string[] | undefined,
  strategy: readonly CapacityProviderStrategyItem[] | undefined,
): boolean {
  const sameProviders =
    capacityProviders === undefined ||
    (capacityProviders.length === existing.capacityProviders.length &&
      capacityProviders.every((p) => existing.capacityProviders.includes(p)));
  const sameStrategy =
    strategy === undefined ||
    (strategy.length === existing.defaultCapacityProviderStrategy.length &&
      strategy.every((s) =>
        existing.defaultCapacityProviderStrategy.some(
          (e) => e.capacityProvider === s.capacityProvider && e.weight === s.weight && e.base === s.base,
        ),
      ));
  return sameProviders && sameStrategy;
}

/** AWS's wording when CreateCluster names an existing cluster with other capacity provider arguments (observed). */
export const INCONSISTENT_IDEMPOTENT_REQUEST =
  'Arguments on this idempotent request are inconsistent with arguments used in previous request(s).';
