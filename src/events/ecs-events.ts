// ECS events in EventBridge's shape (AWS developer guide, "Amazon ECS events"): version "0", id, detail-type,
// source "aws.ecs", account, time (ISO, seconds), region, resources, detail. Task details resemble DescribeTasks'
// Task with ISO timestamps, an `updatedAt`, and attachments of type "eni".
import type * as Ecs from '@aws-sdk/client-ecs';
import { toWireTask } from '../actions/wire/task.js';
import type { DeploymentRecord, ServiceRecord } from '../domain/ecs-service.js';
import type { Scope } from '../domain/scope.js';
import type { TaskRecord } from '../domain/task.js';

export type EcsEventDetailType = 'ECS Task State Change' | 'ECS Service Action' | 'ECS Deployment State Change';

export interface EcsEvent {
  version: '0';
  id: string;
  'detail-type': EcsEventDetailType;
  source: 'aws.ecs';
  account: string;
  time: string;
  region: string;
  resources: string[];
  detail: Record<string, unknown>;
}

export type ServiceEventType = 'INFO' | 'WARN' | 'ERROR';

/** `2020-01-23T17:57:58Z`: EventBridge's `time` has whole seconds. */
export const eventTime = (ms: number) => new Date(Math.floor(ms / 1000) * 1000).toISOString().replace('.000Z', 'Z');
const iso = (ms: number) => new Date(ms).toISOString();

function envelope(
  scope: Scope,
  id: string,
  now: number,
  type: EcsEventDetailType,
  resource: string,
  detail: Record<string, unknown>,
): EcsEvent {
  return {
    version: '0',
    id,
    'detail-type': type,
    source: 'aws.ecs',
    account: scope.accountId,
    time: eventTime(now),
    region: scope.region,
    resources: [resource],
    detail,
  };
}

/** Dates → ISO strings, everywhere in a wire object. */
function isoDates(value: unknown): unknown {
  if (value instanceof Date) return value.toISOString();
  if (Array.isArray(value)) return value.map(isoDates);
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value)
        .filter(([, v]) => v !== undefined)
        .map(([k, v]) => [k, isoDates(v)]),
    );
  }
  return value;
}

export function taskStateChange(scope: Scope, id: string, now: number, task: TaskRecord): EcsEvent {
  const wire: Ecs.Task = toWireTask(task);
  const detail = isoDates({ ...wire, updatedAt: new Date(now) }) as Record<string, unknown>;
  detail.attachments = ((detail.attachments as Record<string, unknown>[] | undefined) ?? []).map((a) => ({ ...a, type: 'eni' }));
  return envelope(scope, id, now, 'ECS Task State Change', task.taskArn, detail);
}

export function serviceAction(
  scope: Scope,
  id: string,
  now: number,
  service: Pick<ServiceRecord, 'serviceArn' | 'clusterArn'>,
  eventName: string,
  eventType: ServiceEventType,
  extra: Record<string, unknown> = {},
): EcsEvent {
  return envelope(scope, id, now, 'ECS Service Action', service.serviceArn, {
    eventType,
    eventName,
    clusterArn: service.clusterArn,
    ...extra,
    createdAt: iso(now),
  });
}

export function deploymentStateChange(
  scope: Scope,
  id: string,
  now: number,
  service: Pick<ServiceRecord, 'serviceArn'>,
  deployment: Pick<DeploymentRecord, 'id'>,
  eventName: 'SERVICE_DEPLOYMENT_IN_PROGRESS' | 'SERVICE_DEPLOYMENT_COMPLETED' | 'SERVICE_DEPLOYMENT_FAILED',
  reason: string,
): EcsEvent {
  return envelope(scope, id, now, 'ECS Deployment State Change', service.serviceArn, {
    eventType: eventName === 'SERVICE_DEPLOYMENT_FAILED' ? 'ERROR' : 'INFO',
    eventName,
    deploymentId: deployment.id,
    updatedAt: eventTime(now),
    reason,
  });
}
