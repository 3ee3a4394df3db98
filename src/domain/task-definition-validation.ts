// The rules every task definition must follow, whatever it runs on. Fargate's extra rules: fargate-validation.ts.
// Each check throws the ClientException AWS gives; the first broken rule wins.
import type * as Ecs from '@aws-sdk/client-ecs';
import { clientException } from './errors.js';
import { TaskDefinitionMessages as M } from './task-definition-messages.js';
import { assertValidFamily, isValidContainerName, MAX_CONTAINERS } from './task-definition.js';
import { effectiveNetworkMode, type TaskDefinitionSpec } from './task-definition-spec.js';

const fail = (message: string): never => {
  throw clientException(message);
};

export function validateTaskDefinition(spec: TaskDefinitionSpec): void {
  assertValidFamily(spec.family);
  validateContainerIdentity(spec.containerDefinitions);
  validateSizes(spec);
  validateNetworking(spec);
  validateCredentials(spec);
  validateDependencies(spec.containerDefinitions);
  validateEphemeralStorage(spec.ephemeralStorage);
}

function validateContainerIdentity(containers: Ecs.ContainerDefinition[]): void {
  if (containers.length === 0) fail(M.containerListEmpty);
  if (containers.length > MAX_CONTAINERS) fail(M.tooManyContainers);
  const names = new Set<string>();
  for (const c of containers) {
    if (!c.name) fail(M.containerNameEmpty);
    if (!isValidContainerName(c.name!)) fail(M.containerNameInvalid);
    if (!c.image) fail(M.containerImageEmpty);
    if (names.has(c.name!)) fail(M.containerNamesNotUnique);
    names.add(c.name!);
  }
  if (!containers.some((c) => c.essential !== false)) fail(M.noEssentialContainer);
}

function validateSizes(spec: TaskDefinitionSpec): void {
  const taskMemory = spec.memory === undefined ? undefined : Number(spec.memory);
  for (const c of spec.containerDefinitions) {
    const name = c.name!;
    if (taskMemory === undefined && c.memory === undefined && c.memoryReservation === undefined) {
      fail(M.containerMemoryMissing(name));
    }
    if (c.memory !== undefined && c.memoryReservation !== undefined && c.memoryReservation > c.memory) {
      fail(M.containerReservationOverMemory(name));
    }
    if (taskMemory !== undefined && c.memory !== undefined && c.memory > taskMemory) fail(M.containerMemoryOverTask(name));
  }
  if (spec.cpu !== undefined) {
    const sum = spec.containerDefinitions.reduce((total, c) => total + (c.cpu ?? 0), 0);
    if (sum > Number(spec.cpu)) fail(M.containerCpuOverTask);
  }
}

function validateNetworking(spec: TaskDefinitionSpec): void {
  const mode = effectiveNetworkMode(spec);
  for (const c of spec.containerDefinitions) {
    if (mode === 'awsvpc' || mode === 'host') {
      for (const p of c.portMappings ?? []) {
        if (p.containerPort !== undefined && p.hostPort !== p.containerPort) fail(M.portsMustMatch(mode));
      }
    }
    if (mode === 'awsvpc' && c.links?.length) fail(M.linksWithAwsvpc);
    if (mode === 'awsvpc' && c.hostname) fail(M.hostnameWithAwsvpc);
  }
  if (hasLinkCycle(spec.containerDefinitions)) fail(M.linksCycle);
}

/** Links read `name` or `name:alias`; a cycle makes the containers impossible to start in order. */
function hasLinkCycle(containers: Ecs.ContainerDefinition[]): boolean {
  const edges = new Map(containers.map((c) => [c.name!, (c.links ?? []).map((l) => l.split(':')[0]!)]));
  return hasCycle(edges);
}

function hasCycle(edges: Map<string, string[]>): boolean {
  const state = new Map<string, 'visiting' | 'done'>();
  const visit = (node: string): boolean => {
    if (state.get(node) === 'done' || !edges.has(node)) return false;
    if (state.get(node) === 'visiting') return true;
    state.set(node, 'visiting');
    const cyclic = edges.get(node)!.some(visit);
    state.set(node, 'done');
    return cyclic;
  };
  return [...edges.keys()].some(visit);
}

function validateCredentials(spec: TaskDefinitionSpec): void {
  for (const c of spec.containerDefinitions) {
    const log = c.logConfiguration;
    if (log?.logDriver === 'awslogs' && (!log.options?.['awslogs-group'] || !log.options?.['awslogs-region'])) {
      fail(M.awslogsOptions);
    }
    if (!spec.executionRoleArn && (c.secrets?.length || log?.secretOptions?.length)) fail(M.secretsNeedExecutionRole);
    if (!spec.executionRoleArn && c.repositoryCredentials?.credentialsParameter) {
      fail(M.repositoryCredentialsNeedExecutionRole);
    }
  }
}

function validateDependencies(containers: Ecs.ContainerDefinition[]): void {
  const byName = new Map(containers.map((c) => [c.name!, c]));
  for (const c of containers) {
    for (const dependency of c.dependsOn ?? []) {
      const target = byName.get(dependency.containerName ?? '');
      if (!target) {
        fail(M.dependsOnUnknown(dependency.containerName ?? ''));
        continue;
      }
      const condition = dependency.condition;
      if ((condition === 'SUCCESS' || condition === 'COMPLETE') && target.essential !== false) fail(M.dependsOnEssential);
      if (condition === 'HEALTHY' && !target.healthCheck) fail(M.dependsOnHealthyWithoutCheck);
    }
  }
}

/** 21 to 200 GiB when given; without it Fargate tasks get 20 GiB. */
function validateEphemeralStorage(storage: Ecs.EphemeralStorage | undefined): void {
  if (!storage) return;
  const size = storage.sizeInGiB ?? 0;
  if (size < 21) fail(M.ephemeralStorageTooSmall);
  if (size > 200) fail(M.ephemeralStorageTooLarge);
}
