// Clusters: the records we keep and the rules that apply to them.
import { invalidParameter } from './errors.js';

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

export interface ClusterRecord {
  clusterName: string;
  clusterArn: string;
  status: ClusterStatus;
  settings: ClusterSetting[];
  /** ClusterConfiguration as given (executeCommandConfiguration, managedStorageConfiguration). */
  configuration?: Record<string, unknown>;
  capacityProviders: string[];
  defaultCapacityProviderStrategy: CapacityProviderStrategyItem[];
  serviceConnectDefaults?: { namespace: string };
  /** Epoch ms. */
  createdAt: number;
}

const CLUSTER_NAME_RE = /^[a-zA-Z0-9_-]{1,255}$/;

export function assertValidClusterName(name: string): void {
  if (!CLUSTER_NAME_RE.test(name)) {
    throw invalidParameter('Cluster name must be up to 255 letters (uppercase and lowercase), numbers, underscores, and hyphens are allowed.');
  }
}

export const DEFAULT_CLUSTER_SETTINGS: ClusterSetting[] = [{ name: 'containerInsights', value: 'disabled' }];
