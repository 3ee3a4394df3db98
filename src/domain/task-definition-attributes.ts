// `requiresAttributes` and `compatibilities`: what ECS derives from a task definition at registration.
// The attribute names and their order follow real DescribeTaskDefinition outputs (2023-2026 captures);
// which feature brings 1.21 and 1.25 is read from those captures (memoryReservation, initProcessEnabled).
import type * as Ecs from '@aws-sdk/client-ecs';
import { isEcrImage } from './fargate-validation.js';
import { effectiveNetworkMode, type TaskDefinitionSpec } from './task-definition-spec.js';

const API = 'com.amazonaws.ecs.capability.docker-remote-api';

/** The order AWS lists attributes in (logging-driver.<name> entries come first). */
const ATTRIBUTE_ORDER = [
  'ecs.capability.execution-role-awslogs',
  'com.amazonaws.ecs.capability.ecr-auth',
  `${API}.1.19`,
  `${API}.1.21`,
  'com.amazonaws.ecs.capability.task-iam-role',
  `${API}.1.25`,
  'ecs.capability.container-health-check',
  'ecs.capability.execution-role-ecr-pull',
  'ecs.capability.private-registry-authentication.secretsmanager',
  'ecs.capability.secrets.asm.environment-variables',
  'ecs.capability.secrets.ssm.environment-variables',
  `${API}.1.18`,
  'ecs.capability.task-eni',
  `${API}.1.29`,
  'ecs.capability.container-ordering',
] as const;

function containerAttributes(spec: TaskDefinitionSpec, c: Ecs.ContainerDefinition, add: (name: string) => void): void {
  const driver = c.logConfiguration?.logDriver;
  if (driver) {
    add(`com.amazonaws.ecs.capability.logging-driver.${driver}`);
    add(`${API}.1.19`);
    if (driver === 'awslogs' && spec.executionRoleArn) add('ecs.capability.execution-role-awslogs');
  }
  if (isEcrImage(c.image)) {
    add('com.amazonaws.ecs.capability.ecr-auth');
    if (spec.executionRoleArn) add('ecs.capability.execution-role-ecr-pull');
  }
  if (c.memoryReservation !== undefined) add(`${API}.1.21`);
  if (c.linuxParameters?.initProcessEnabled) add(`${API}.1.25`);
  if (c.healthCheck) {
    add('ecs.capability.container-health-check');
    add(`${API}.1.29`);
  }
  if (c.repositoryCredentials?.credentialsParameter) add('ecs.capability.private-registry-authentication.secretsmanager');
  for (const secret of c.secrets ?? []) {
    const store = secret.valueFrom?.includes(':secretsmanager:') ? 'asm' : 'ssm';
    add(`ecs.capability.secrets.${store}.environment-variables`);
  }
  if (c.dependsOn?.length || c.startTimeout !== undefined || c.stopTimeout !== undefined) {
    add('ecs.capability.container-ordering');
  }
}

export function requiredAttributes(spec: TaskDefinitionSpec): Ecs.Attribute[] {
  const names = new Set<string>();
  const add = (name: string) => names.add(name);
  for (const c of spec.containerDefinitions) containerAttributes(spec, c, add);
  if (spec.taskRoleArn) add('com.amazonaws.ecs.capability.task-iam-role');
  if (effectiveNetworkMode(spec) === 'awsvpc') {
    add(`${API}.1.18`);
    add('ecs.capability.task-eni');
  }
  const drivers = [...names].filter((n) => n.startsWith('com.amazonaws.ecs.capability.logging-driver.'));
  const ordered = [...drivers, ...ATTRIBUTE_ORDER.filter((n) => names.has(n))];
  return ordered.map((name) => ({ name }));
}

/**
 * The launch types the definition is valid for. awsvpc definitions run on EC2 and Managed Instances, and on
 * Fargate when they pass its rules (2026 captures list EC2, MANAGED_INSTANCES, FARGATE in that order);
 * other network modes run on EC2 and ECS Anywhere (EXTERNAL, EC2).
 */
export function compatibilitiesOf(spec: TaskDefinitionSpec, validForFargate: boolean): Ecs.Compatibility[] {
  if (effectiveNetworkMode(spec) !== 'awsvpc') return ['EXTERNAL', 'EC2'];
  return validForFargate ? ['EC2', 'MANAGED_INSTANCES', 'FARGATE'] : ['EC2', 'MANAGED_INSTANCES'];
}
