// The ARNs TagResource / UntagResource / ListTagsForResource accept, and what they name.
import { parseArn } from './arn.js';
import { invalidParameter } from './errors.js';
import type { Scope } from './scope.js';
import { partitionOf } from './arn.js';

export type TaggableKind = 'cluster' | 'task-definition' | 'task' | 'service' | 'capacity-provider' | 'container-instance' | 'task-set';

export interface TaggableResource {
  kind: TaggableKind;
  arn: string;
  /** The cluster a task, service, container instance or task set belongs to. */
  clusterName?: string;
  /** The resource's own name or id: cluster name, `family:revision`, task id, service name, provider name, ... */
  id: string;
  /** Whether the ARN is in the caller's account and region (resources elsewhere are never found). */
  inScope: boolean;
}

/** AWS's wording for an ARN ECS cannot tag (observed for a non-ECS ARN). */
export const INVALID_ARN = 'The ARN provided is invalid.';
/** AWS's wording for a short-format task, service or container instance ARN (observed). */
export const LONG_ARN_REQUIRED = 'Long arn format must be used for tagging operations';

const KINDS: readonly TaggableKind[] = [
  'cluster',
  'task-definition',
  'task',
  'service',
  'capacity-provider',
  'container-instance',
  'task-set',
];
/** Kinds whose long ARN carries the cluster name first. */
const CLUSTER_SCOPED: readonly TaggableKind[] = ['task', 'service', 'container-instance', 'task-set'];

export function parseTaggableArn(arn: string, scope: Scope): TaggableResource {
  const parsed = parseArn(arn);
  if (parsed?.service !== 'ecs' || !(KINDS as readonly string[]).includes(parsed.resourceType)) {
    throw invalidParameter(INVALID_ARN);
  }
  const kind = parsed.resourceType as TaggableKind;
  const parts = parsed.resource.split('/');
  if (parts.some((p) => p === '')) throw invalidParameter(INVALID_ARN);
  const inScope = parsed.partition === partitionOf(scope.region) && parsed.region === scope.region && parsed.accountId === scope.accountId;

  if (CLUSTER_SCOPED.includes(kind)) {
    // task-set/<cluster>/<service>/ecs-svc/<id>; the others <kind>/<cluster>/<id>.
    const [min, max] = kind === 'task-set' ? [3, 4] : [2, 2];
    if (parts.length < min) throw invalidParameter(LONG_ARN_REQUIRED);
    if (parts.length > max) throw invalidParameter(INVALID_ARN);
    return { kind, arn, clusterName: parts[0]!, id: parts.slice(1).join('/'), inScope };
  }
  if (parts.length !== 1) throw invalidParameter(INVALID_ARN);
  if (kind === 'task-definition' && !/^[^:]+:\d+$/.test(parts[0]!)) throw invalidParameter(INVALID_ARN);
  return { kind, arn, id: parts[0]!, inScope };
}
