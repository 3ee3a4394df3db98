// The capacity providers of an account: FARGATE and FARGATE_SPOT exist in every account and cannot be changed;
// Auto Scaling group (EC2_AUTOSCALING) and Managed Instances (MANAGED_INSTANCES) providers are created, stored and
// described with AWS's shapes and defaults. No EC2 instance ever stands behind them here.
import type * as Ecs from '@aws-sdk/client-ecs';
import { capacityProviderArn } from './arn.js';
import { clientException, invalidParameter } from './errors.js';
import type { Scope } from './scope.js';

export const FARGATE_PROVIDER_NAMES = ['FARGATE', 'FARGATE_SPOT'] as const;

export interface CapacityProviderView {
  capacityProviderArn: string;
  name: string;
  status: 'ACTIVE';
}

export function fargateCapacityProviders(scope: Scope): CapacityProviderView[] {
  return FARGATE_PROVIDER_NAMES.map((name) => ({ capacityProviderArn: capacityProviderArn(scope, name), name, status: 'ACTIVE' }));
}

/** A created provider as stored (wire shapes for the provider configurations, defaults filled in). */
export interface CapacityProviderRecord {
  capacityProviderArn: string;
  name: string;
  type: 'EC2_AUTOSCALING' | 'MANAGED_INSTANCES';
  /** Managed Instances providers belong to one cluster (its name). */
  cluster?: string;
  status: 'ACTIVE' | 'INACTIVE';
  updateStatus?: Ecs.CapacityProviderUpdateStatus;
  updateStatusReason?: string;
  autoScalingGroupProvider?: Ecs.AutoScalingGroupProvider;
  managedInstancesProvider?: Ecs.ManagedInstancesProvider;
  /** When it was deleted (INACTIVE providers stay describable for a while, as on AWS). */
  deletedAt?: number;
}

const NAME_RE = /^[a-zA-Z0-9_-]{1,255}$/;
const RESERVED_PREFIXES = ['aws', 'ecs', 'fargate'];

export function assertValidCapacityProviderName(name: string): void {
  if (!NAME_RE.test(name)) {
    throw clientException('The capacity provider name can contain only letters, numbers, underscores, and hyphens, up to 255 characters.');
  }
  if (RESERVED_PREFIXES.some((p) => name.toLowerCase().startsWith(p))) {
    throw clientException(`The capacity provider name can't be prefixed with "aws", "ecs", or "fargate".`);
  }
}

const DEFAULT_MANAGED_SCALING = {
  status: 'DISABLED',
  targetCapacity: 100,
  minimumScalingStepSize: 1,
  maximumScalingStepSize: 10_000,
  instanceWarmupPeriod: 300,
} as const;

function between(value: number | undefined, min: number, max: number, what: string): void {
  if (value !== undefined && (!Number.isInteger(value) || value < min || value > max)) {
    throw invalidParameter(`${what} must be between ${min} and ${max}.`);
  }
}

/** managedScaling with AWS's defaults, on top of the current settings when updating. */
export function managedScalingOf(input: Ecs.ManagedScaling | undefined, current?: Ecs.ManagedScaling): Ecs.ManagedScaling {
  const merged = { ...DEFAULT_MANAGED_SCALING, ...current, ...stripUndefined(input ?? {}) };
  between(merged.targetCapacity, 1, 100, 'targetCapacity');
  between(merged.minimumScalingStepSize, 1, 10_000, 'minimumScalingStepSize');
  between(merged.maximumScalingStepSize, 1, 10_000, 'maximumScalingStepSize');
  between(merged.instanceWarmupPeriod, 0, 10_000, 'instanceWarmupPeriod');
  if (merged.minimumScalingStepSize > merged.maximumScalingStepSize) {
    throw invalidParameter('minimumScalingStepSize must be less than or equal to maximumScalingStepSize.');
  }
  return merged;
}

const AUTO_SCALING_GROUP_ARN_RE = /^arn:aws[a-z-]*:autoscaling:[a-z0-9-]+:\d{12}:autoScalingGroup:[^:]+:autoScalingGroupName\/.+$/;

export function autoScalingGroupProviderOf(input: Ecs.AutoScalingGroupProvider): Ecs.AutoScalingGroupProvider {
  const arn = input.autoScalingGroupArn ?? '';
  if (!AUTO_SCALING_GROUP_ARN_RE.test(arn)) throw clientException('The specified Auto Scaling group ARN is not valid.');
  const managedScaling = managedScalingOf(input.managedScaling);
  const managedTerminationProtection = input.managedTerminationProtection ?? 'DISABLED';
  if (managedTerminationProtection === 'ENABLED' && managedScaling.status !== 'ENABLED') {
    throw clientException('Managed termination protection requires managed scaling to be enabled.');
  }
  return {
    autoScalingGroupArn: arn,
    managedScaling,
    managedTerminationProtection,
    managedDraining: input.managedDraining ?? 'ENABLED',
  };
}

export function updatedAutoScalingGroupProvider(
  current: Ecs.AutoScalingGroupProvider,
  input: Ecs.AutoScalingGroupProviderUpdate,
): Ecs.AutoScalingGroupProvider {
  const managedScaling = managedScalingOf(input.managedScaling, current.managedScaling);
  const managedTerminationProtection = input.managedTerminationProtection ?? current.managedTerminationProtection;
  if (managedTerminationProtection === 'ENABLED' && managedScaling.status !== 'ENABLED') {
    throw clientException('Managed termination protection requires managed scaling to be enabled.');
  }
  return {
    ...current,
    managedScaling,
    managedTerminationProtection,
    managedDraining: input.managedDraining ?? current.managedDraining,
  };
}

export function managedInstancesProviderOf(
  input: Ecs.CreateManagedInstancesProviderConfiguration | Ecs.UpdateManagedInstancesProviderConfiguration,
  current?: Ecs.ManagedInstancesProvider,
): Ecs.ManagedInstancesProvider {
  const template = { ...current?.instanceLaunchTemplate, ...stripUndefined(input.instanceLaunchTemplate ?? {}) };
  if (!template.ec2InstanceProfileArn) throw invalidParameter('instanceLaunchTemplate.ec2InstanceProfileArn is required.');
  if (!template.networkConfiguration?.subnets?.length) {
    throw invalidParameter('instanceLaunchTemplate.networkConfiguration.subnets must contain at least one subnet.');
  }
  return stripUndefined({
    infrastructureRoleArn: input.infrastructureRoleArn ?? current?.infrastructureRoleArn,
    instanceLaunchTemplate: {
      ...template,
      monitoring: template.monitoring ?? 'BASIC',
      capacityOptionType: template.capacityOptionType ?? 'ON_DEMAND',
    } as Ecs.InstanceLaunchTemplate,
    propagateTags: input.propagateTags ?? current?.propagateTags ?? 'NONE',
    infrastructureOptimization: input.infrastructureOptimization ?? current?.infrastructureOptimization,
    autoRepairConfiguration: input.autoRepairConfiguration ?? current?.autoRepairConfiguration,
  });
}

function stripUndefined<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}

/** The wire shape (DescribeCapacityProviders, Create/Update/Delete answers). */
export function toWireCapacityProvider(record: CapacityProviderRecord, tags?: Ecs.Tag[]): Ecs.CapacityProvider {
  return stripUndefined({
    capacityProviderArn: record.capacityProviderArn,
    name: record.name,
    cluster: record.cluster,
    status: record.status,
    autoScalingGroupProvider: record.autoScalingGroupProvider,
    managedInstancesProvider: record.managedInstancesProvider,
    updateStatus: record.updateStatus,
    updateStatusReason: record.updateStatusReason,
    type: record.type,
    ...(tags ? { tags } : {}),
  });
}
