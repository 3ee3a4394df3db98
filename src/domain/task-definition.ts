// Task definitions: the stored record, how a reference (family, family:revision, ARN) finds one, and the
// checks other operations (RunTask, CreateService) make before using it.
import type * as Ecs from '@aws-sdk/client-ecs';
import { clientException, invalidParameter, type EcsError } from './errors.js';
import { parseArn } from './arn.js';
import { TaskDefinitionMessages as M } from './task-definition-messages.js';

export type TaskDefinitionStatus = 'ACTIVE' | 'INACTIVE' | 'DELETE_IN_PROGRESS';

/**
 * A registered revision, as normalised at registration (cpu/memory as unit strings, e.g. "256"/"512").
 * Shaped like the wire TaskDefinition, with timestamps as epoch ms.
 */
export type TaskDefinitionRecord = Omit<
  Ecs.TaskDefinition,
  'registeredAt' | 'deregisteredAt' | 'deleteRequestedAt' | 'status' | 'containerDefinitions'
> & {
  taskDefinitionArn: string;
  family: string;
  revision: number;
  status: TaskDefinitionStatus;
  containerDefinitions: Ecs.ContainerDefinition[];
  registeredAt: number;
  deregisteredAt?: number;
  deleteRequestedAt?: number;
};

/** The parts of a region's state task definitions live in (a slice of RegionState). */
export interface TaskDefinitionState {
  /** By `<family>:<revision>`. */
  taskDefinitions: Record<string, TaskDefinitionRecord>;
  /** By family: the last revision ever registered. */
  taskDefinitionFamilies: Record<string, { lastRevision: number }>;
}

/** Containers a task definition may hold. */
export const MAX_CONTAINERS = 10;

export const taskDefinitionKey = (family: string, revision: number) => `${family}:${revision}`;

const NAME_RE = /^[a-zA-Z0-9_-]{1,255}$/;

/** Family names: up to 255 letters, numbers, hyphens and underscores. */
export function assertValidFamily(family: string): void {
  if (family === '') throw clientException(M.familyBlank);
  if (!NAME_RE.test(family)) throw clientException(M.familyInvalid);
}

/** Container names follow the same rule as families. */
export const isValidContainerName = (name: string) => NAME_RE.test(name);

/** What a task definition reference names. `revision` is absent for a bare family (meaning the latest ACTIVE one). */
export interface TaskDefinitionRef {
  family: string;
  revision?: number;
  /** Set when the reference was an ARN: the record's ARN must match it (account and region included). */
  arnPrefix?: string;
}

const REVISION_RE = /^[1-9]\d{0,9}$/;

/** Reads `family`, `family:revision` or a task definition ARN; null when it can name no task definition. */
export function parseTaskDefinitionRef(ref: string): TaskDefinitionRef | null {
  let body = ref;
  let arnPrefix: string | undefined;
  if (ref.startsWith('arn:')) {
    const arn = parseArn(ref);
    if (arn?.service !== 'ecs' || arn.resourceType !== 'task-definition') return null;
    body = arn.resource;
    arnPrefix = ref.slice(0, ref.length - body.length);
  }
  const [family, revision, ...rest] = body.split(':');
  if (rest.length || !family || !NAME_RE.test(family)) return null;
  if (revision === undefined) return { family, arnPrefix };
  if (!REVISION_RE.test(revision)) return null;
  return { family, revision: Number(revision), arnPrefix };
}

/** The revision part of `family:revision` (or of an ARN ending so) when it is not a whole number, as AWS names it. */
function nonNumericRevision(ref: string): string | undefined {
  const body = ref.startsWith('arn:') ? (parseArn(ref)?.resource ?? '') : ref;
  const [family, revision, ...rest] = body.split(':');
  if (rest.length || !family || !NAME_RE.test(family) || revision === undefined) return undefined;
  return /^\d+$/.test(revision) ? undefined : revision;
}

/** How a lookup fails: each operation answers a miss with its own error. */
export interface TaskDefinitionLookup {
  notFound: () => EcsError;
  /** When set, a revision that is not a number gets this error (naming it) instead of notFound. */
  badRevision?: (revision: string) => EcsError;
  /** When set, only ACTIVE revisions are usable (launching); otherwise any status is returned. */
  inactive?: () => EcsError;
  /** When set, a bare family is refused (the operation needs a revision). */
  revisionRequired?: () => EcsError;
}

/** The errors each operation gives for a reference it cannot use. */
export const TASK_DEFINITION_LOOKUPS = {
  describe: { notFound: () => clientException(M.unableToDescribe), badRevision: (r) => clientException(M.invalidRevision(r)) },
  deregister: {
    notFound: () => clientException(M.doesNotExist),
    badRevision: (r) => clientException(M.invalidRevision(r)),
    revisionRequired: () => clientException(M.revisionMissing),
  },
  runTask: {
    notFound: () => invalidParameter(M.taskDefinitionNotFound),
    inactive: () => invalidParameter(M.taskDefinitionInactive),
  },
  createService: {
    notFound: () => clientException(M.taskDefinitionNotFound),
    inactive: () => invalidParameter(M.taskDefinitionInactive),
  },
} satisfies Record<string, TaskDefinitionLookup>;

/** The latest ACTIVE revision of a family, if any. */
export function latestActiveRevision(state: Readonly<TaskDefinitionState>, family: string): TaskDefinitionRecord | undefined {
  const last = state.taskDefinitionFamilies[family]?.lastRevision ?? 0;
  for (let revision = last; revision > 0; revision -= 1) {
    const record = state.taskDefinitions[taskDefinitionKey(family, revision)];
    if (record?.status === 'ACTIVE') return record;
  }
  return undefined;
}

/**
 * Resolves `family` (latest ACTIVE revision), `family:revision` or a full ARN to its record,
 * throwing the error `lookup` names for a miss. Defaults to DescribeTaskDefinition's behaviour.
 */
export function resolveTaskDefinitionRef(
  state: Readonly<TaskDefinitionState>,
  ref: string,
  lookup: TaskDefinitionLookup = TASK_DEFINITION_LOOKUPS.describe,
): TaskDefinitionRecord {
  const parsed = parseTaskDefinitionRef(ref);
  if (!parsed) {
    const revision = lookup.badRevision && nonNumericRevision(ref);
    throw revision ? lookup.badRevision!(revision) : lookup.notFound();
  }
  if (parsed.revision === undefined && lookup.revisionRequired) throw lookup.revisionRequired();
  const record =
    parsed.revision === undefined
      ? latestActiveRevision(state, parsed.family)
      : state.taskDefinitions[taskDefinitionKey(parsed.family, parsed.revision)];
  if (!record) throw lookup.notFound();
  if (parsed.arnPrefix && !record.taskDefinitionArn.startsWith(parsed.arnPrefix)) throw lookup.notFound();
  if (lookup.inactive && record.status !== 'ACTIVE') throw lookup.inactive();
  return record;
}

/** RunTask/CreateService with launchType FARGATE: the revision must have been found valid for Fargate at registration. */
export function assertRunnableOnFargate(taskDefinition: Pick<TaskDefinitionRecord, 'compatibilities'>): void {
  if (!taskDefinition.compatibilities?.includes('FARGATE')) throw invalidParameter(M.fargateLaunchTypeUnsupported);
}
