// Task sets: the unit of deployment of services on the EXTERNAL and CODE_DEPLOY deployment controllers. A task
// set runs `scale` percent of the service's desiredCount (rounded up) of its own task definition, registered in its
// own target groups. One task set is PRIMARY (the service shows its settings), the others ACTIVE; DeleteTaskSet
// drains one (DRAINING) until its tasks are gone. Its tasks carry the task set id as `startedBy`, as on AWS.
import type { StrategyItem } from './capacity-provider-placement.js';
import type { AwsvpcRecord } from './ecs-service.js';
import { EcsError, invalidParameter } from './errors.js';

export type DeploymentControllerType = 'ECS' | 'CODE_DEPLOY' | 'EXTERNAL';
export type TaskSetStatus = 'PRIMARY' | 'ACTIVE' | 'DRAINING';
export type StabilityStatus = 'STEADY_STATE' | 'STABILIZING';

export interface TaskSetRecord {
  /** `ecs-svc/<19 digits>`, as AWS's task set ids look; its tasks' `startedBy`. */
  id: string;
  taskSetArn: string;
  status: TaskSetStatus;
  externalId?: string;
  /** Who created it (CodeDeploy's deployment id, for instance), when not the service itself. */
  startedBy?: string;
  taskDefinition: string;
  launchType?: 'FARGATE' | 'EC2';
  capacityProviderStrategy?: StrategyItem[];
  platformVersion: string;
  platformFamily: 'Linux';
  networkConfiguration: AwsvpcRecord;
  loadBalancers: Record<string, unknown>[];
  serviceRegistries: Record<string, unknown>[];
  scale: { value: number; unit: 'PERCENT' };
  computedDesiredCount: number;
  stabilityStatus: StabilityStatus;
  stabilityStatusAt: number;
  /** Stopped tasks already counted (each once), as for deployments. */
  judgedTaskIds: string[];
  /** CreateTaskSet's clientToken and what it asked (minus the token): a retry with both the same is idempotent. */
  clientToken?: string;
  requestFingerprint?: string;
  createdAt: number;
  updatedAt: number;
}

/** ceil(desiredCount × percent / 100): AWS rounds a task set's share of the service up. */
export const computedDesiredCountOf = (desiredCount: number, scalePercent: number) => Math.ceil((desiredCount * scalePercent) / 100);

/** A request's scale: PERCENT from 0 to 100 (AWS's default when none is given is 100 percent). */
export function scaleOf(input: { value?: number; unit?: string } | undefined): TaskSetRecord['scale'] {
  if (!input) return { value: 100, unit: 'PERCENT' };
  if (input.unit !== undefined && input.unit !== 'PERCENT') throw invalidParameter('Scale unit must be PERCENT.');
  const value = input.value ?? 0;
  if (!Number.isFinite(value) || value < 0 || value > 100) throw invalidParameter('Scale value must be between 0 and 100.');
  return { value, unit: 'PERCENT' };
}

export const taskSetNotFound = () => new EcsError('TaskSetNotFoundException', 'The specified task set does not exist.');

/** The task set a reference means (an id `ecs-svc/...` or a task set ARN), among the service's. */
export function findTaskSet(taskSets: readonly TaskSetRecord[] | undefined, ref: string): TaskSetRecord | undefined {
  return (taskSets ?? []).find((t) => t.id === ref || t.taskSetArn === ref);
}

/** A task set's tasks as the stability status sees them. */
export function stabilityOf(computedDesiredCount: number, running: number, pending: number, stopping: number): StabilityStatus {
  return running === computedDesiredCount && pending === 0 && stopping === 0 ? 'STEADY_STATE' : 'STABILIZING';
}
