// Daemons (Managed Instances only): a daemon runs one task per instance of its capacity providers. Here no instance
// exists behind any capacity provider, so daemons, their task definitions, revisions and deployments are stored and
// described with AWS's shapes, and every deployment completes at once with no instance to run on.
import type * as Ecs from '@aws-sdk/client-ecs';
import { clientException, invalidParameter } from './errors.js';

export interface DaemonTaskDefinitionRecord {
  daemonTaskDefinitionArn: string;
  family: string;
  revision: number;
  taskRoleArn?: string;
  executionRoleArn?: string;
  containerDefinitions: Ecs.DaemonContainerDefinition[];
  volumes?: Ecs.DaemonVolume[];
  cpu?: string;
  memory?: string;
  pidMode?: string;
  ipcMode?: string;
  status: 'ACTIVE' | 'DELETE_IN_PROGRESS';
  registeredAt: number;
  registeredBy: string;
  deleteRequestedAt?: number;
}

export interface DaemonSettings {
  daemonTaskDefinitionArn: string;
  capacityProviderArns: string[];
  deploymentConfiguration: Ecs.DaemonDeploymentConfiguration;
  propagateTags: string;
  enableECSManagedTags: boolean;
  enableExecuteCommand: boolean;
  critical: boolean;
}

export interface DaemonRecord extends DaemonSettings {
  daemonArn: string;
  daemonName: string;
  clusterArn: string;
  clusterName: string;
  status: 'ACTIVE' | 'DELETE_IN_PROGRESS';
  /** The revision running now and the deployment that put it there. */
  revisionArn: string;
  deploymentArn: string;
  createdAt: number;
  updatedAt: number;
}

export interface DaemonRevisionRecord extends DaemonSettings {
  daemonRevisionArn: string;
  daemonArn: string;
  clusterArn: string;
  containerImages: Ecs.DaemonContainerImage[];
  createdAt: number;
}

export interface DaemonDeploymentRecord {
  daemonDeploymentArn: string;
  daemonArn: string;
  clusterArn: string;
  targetRevisionArn: string;
  sourceRevisionArns: string[];
  capacityProviderArns: string[];
  deploymentConfiguration: Ecs.DaemonDeploymentConfiguration;
  status: 'SUCCESSFUL';
  statusReason: string;
  createdAt: number;
}

export const NO_INSTANCES_REASON = 'The daemon deployment completed: no container instance runs in its capacity providers.';

const FAMILY_RE = /^[a-zA-Z0-9_-]{1,255}$/;
const CONTAINER_NAME_RE = /^[a-zA-Z0-9_-]{1,255}$/;

/** Checks a RegisterDaemonTaskDefinition request as RegisterTaskDefinition checks its counterparts. */
export function assertValidDaemonTaskDefinition(input: Ecs.RegisterDaemonTaskDefinitionRequest): void {
  if (!FAMILY_RE.test(input.family ?? '')) {
    throw clientException(
      'Family contains invalid characters: up to 255 letters (uppercase and lowercase), numbers, hyphens, and underscores are allowed.',
    );
  }
  const containers = input.containerDefinitions ?? [];
  if (containers.length === 0) throw clientException('Container list cannot be empty.');
  const names = new Set<string>();
  for (const c of containers) {
    const name = c.name ?? '';
    if (!CONTAINER_NAME_RE.test(name)) {
      throw clientException('Container name can contain up to 255 letters (uppercase and lowercase), numbers, hyphens, and underscores.');
    }
    if (names.has(name)) throw clientException(`Duplicate container name found: ${name}.`);
    names.add(name);
    if (!c.image) throw clientException(`Container.image should not be null or empty.`);
  }
  if (!containers.some((c) => c.essential !== false)) throw clientException('At least one essential container is required.');
}

export const DEFAULT_DAEMON_DEPLOYMENT: Ecs.DaemonDeploymentConfiguration = { drainPercent: 25, bakeTimeInMinutes: 0 };

export function daemonDeploymentConfigurationOf(
  input: Ecs.DaemonDeploymentConfiguration | undefined,
  current: Ecs.DaemonDeploymentConfiguration = DEFAULT_DAEMON_DEPLOYMENT,
): Ecs.DaemonDeploymentConfiguration {
  const merged = { ...current, ...Object.fromEntries(Object.entries(input ?? {}).filter(([, v]) => v !== undefined)) };
  const drain = merged.drainPercent ?? 25;
  if (!Number.isInteger(drain) || drain < 0 || drain > 100) throw invalidParameter('drainPercent must be between 0 and 100.');
  const bake = merged.bakeTimeInMinutes ?? 0;
  if (!Number.isInteger(bake) || bake < 0 || bake > 1440) throw invalidParameter('bakeTimeInMinutes must be between 0 and 1440.');
  return merged;
}

/** A deployment's or revision's counts per capacity provider: no instance anywhere. */
export const emptyCapacity = (arns: readonly string[]) =>
  arns.map((arn) => ({ arn, runningInstanceCount: 0, withoutDaemonInstanceCount: 0, drainingInstanceCount: 0 }));
