// ECS services behind load balancers, as ECS runs them: a service task's targets (its IP and the container port
// of each `loadBalancers` entry) are registered once the task is RUNNING, and deregistered before it is stopped;
// the task then stays DEACTIVATING until every target has drained. A task's health is its targets' health (with
// its containers' own health checks, if any). The wording of the service events and of the stopped reason is
// ECS's. Pure: runs inside the scheduler's store update.
import { loadBalancersOfTargetGroup } from './elbv2/records.js';
import { deregisterTarget, registerTarget } from './elbv2/targets.js';
import type { HealthStatus, TaskRecord } from './task.js';
import type { Elbv2State } from './elbv2/records.js';
import type { NetworkState } from './network/network-state.js';
import { invalidParameter } from './errors.js';
import type { TaskDefinitionRecord } from './task-definition.js';

export interface ServiceLoadBalancer {
  targetGroupArn: string;
  containerName: string;
  containerPort: number;
}

type State = Elbv2State & NetworkState & { tasks: Record<string, TaskRecord> };

export const elbMessages = {
  registered: (service: string, count: number, targetGroupArn: string) =>
    `(service ${service}) registered ${count} targets in (target-group ${targetGroupArn})`,
  deregistered: (service: string, count: number, targetGroupArn: string) =>
    `(service ${service}) deregistered ${count} targets in (target-group ${targetGroupArn})`,
  unhealthy: (service: string, taskId: string, port: number, targetGroupArn: string, reason: string) =>
    `(service ${service}) (task ${taskId}) (port ${port}) is unhealthy in (target-group ${targetGroupArn}) due to (reason ${reason}).`,
};

export const failedElbHealthChecksReason = (targetGroupArn: string) => `Task failed ELB health checks in (target-group ${targetGroupArn})`;

/** The service's `loadBalancers` that name a target group (the wire shape as stored). */
export function serviceLoadBalancers(loadBalancers: readonly Record<string, unknown>[]): ServiceLoadBalancer[] {
  return loadBalancers.flatMap((lb) =>
    typeof lb.targetGroupArn === 'string' && typeof lb.containerName === 'string' && typeof lb.containerPort === 'number'
      ? [{ targetGroupArn: lb.targetGroupArn, containerName: lb.containerName, containerPort: lb.containerPort }]
      : [],
  );
}

export const taskIp = (state: NetworkState, task: TaskRecord): string | undefined =>
  task.attachment.networkInterfaceId ? state.networkInterfaces[task.attachment.networkInterfaceId]?.privateIpAddress : undefined;

interface TaskTarget {
  lb: ServiceLoadBalancer;
  ip: string;
}

/**
 * A stopped task's address once its ENI is gone (the attachment keeps it), unless another ENI holds it again: the
 * targets of a task that stopped on its own before the scheduler saw it go down can still be deregistered.
 */
function stoppedTaskIp(state: State, task: TaskRecord): string | undefined {
  const ip = task.attachment.privateIPv4Address;
  if (task.lastStatus !== 'STOPPED' || !ip) return undefined;
  return Object.values(state.networkInterfaces).some((e) => e.privateIpAddress === ip && e.vpcId === task.attachment.vpcId)
    ? undefined
    : ip;
}

function targetsOf(state: State, lbs: readonly ServiceLoadBalancer[], task: TaskRecord): TaskTarget[] {
  const ip = taskIp(state, task) ?? stoppedTaskIp(state, task);
  return ip ? lbs.filter((lb) => state.targetGroups[lb.targetGroupArn]).map((lb) => ({ lb, ip })) : [];
}

const findIn = (state: State, t: TaskTarget) =>
  state.targetGroups[t.lb.targetGroupArn]?.targets.find((x) => x.id === t.ip && x.port === t.lb.containerPort);

/** Registers a RUNNING task's missing targets; returns the target groups it was registered in. */
export function registerTaskTargets(state: State, lbs: readonly ServiceLoadBalancer[], task: TaskRecord, now: number): string[] {
  if (task.lastStatus !== 'RUNNING' || task.desiredStatus !== 'RUNNING') return [];
  const added: string[] = [];
  for (const t of targetsOf(state, lbs, task)) {
    const existing = findIn(state, t);
    if (existing && existing.state !== 'draining') continue;
    registerTarget(
      state.targetGroups[t.lb.targetGroupArn]!,
      { id: t.ip, port: t.lb.containerPort, availabilityZone: task.availabilityZone },
      now,
    );
    added.push(t.lb.targetGroupArn);
  }
  return added;
}

/** Starts draining a task's targets; returns the target groups it was deregistered from. */
export function deregisterTaskTargets(state: State, lbs: readonly ServiceLoadBalancer[], task: TaskRecord, now: number): string[] {
  const removed: string[] = [];
  for (const t of targetsOf(state, lbs, task)) {
    const existing = findIn(state, t);
    if (!existing || existing.state === 'draining') continue;
    deregisterTarget(state, state.targetGroups[t.lb.targetGroupArn]!, t.ip, t.lb.containerPort, now);
    removed.push(t.lb.targetGroupArn);
  }
  return removed;
}

/** Whether any of the task's targets is still registered (draining included). */
export const hasTargets = (state: State, lbs: readonly ServiceLoadBalancer[], task: TaskRecord) =>
  targetsOf(state, lbs, task).some((t) => findIn(state, t) !== undefined);

export interface TaskTargetHealth {
  /** HEALTHY when every target is healthy, UNHEALTHY when one is, else UNKNOWN (not registered, initial, unused). */
  status: HealthStatus;
  /** The first unhealthy target, for the service event and the stopped reason. */
  unhealthy?: { targetGroupArn: string; port: number; description: string };
}

export function taskTargetHealth(state: State, lbs: readonly ServiceLoadBalancer[], task: TaskRecord): TaskTargetHealth {
  const targets = targetsOf(state, lbs, task);
  if (targets.length === 0 || targets.length < lbs.length) return { status: 'UNKNOWN' };
  let allHealthy = true;
  for (const t of targets) {
    const record = findIn(state, t);
    const tg = state.targetGroups[t.lb.targetGroupArn]!;
    const inUse = loadBalancersOfTargetGroup(state, tg.targetGroupArn).length > 0;
    if (!record || record.state === 'draining') return { status: 'UNKNOWN' };
    if (record.state === 'unhealthy' && inUse)
      return {
        status: 'UNHEALTHY',
        unhealthy: {
          targetGroupArn: tg.targetGroupArn,
          port: t.lb.containerPort,
          description: record.description ?? 'Health checks failed',
        },
      };
    const healthy = record.state === 'healthy' || !tg.healthCheck.enabled;
    if (!healthy) allHealthy = false;
  }
  return { status: allHealthy ? 'HEALTHY' : 'UNKNOWN' };
}

/** The health ECS reports for a service task behind load balancers: its containers' and its targets' together. */
export function combinedHealth(container: HealthStatus, containerChecked: boolean, targets: HealthStatus): HealthStatus {
  if (container === 'UNHEALTHY' || targets === 'UNHEALTHY') return 'UNHEALTHY';
  if (targets === 'HEALTHY' && (!containerChecked || container === 'HEALTHY')) return 'HEALTHY';
  return 'UNKNOWN';
}

/**
 * CreateService's and UpdateService's checks of `loadBalancers` for a Fargate (awsvpc) service, with ECS's
 * messages: each entry names an existing target group of target type ip that serves a load balancer, and a
 * container and container port of the task definition; no service role may be passed (awsvpc services use the
 * service-linked role).
 */
export function checkServiceLoadBalancers(
  state: Elbv2State,
  loadBalancers:
    | readonly { targetGroupArn?: string; loadBalancerName?: string; containerName?: string; containerPort?: number }[]
    | undefined,
  td: Pick<TaskDefinitionRecord, 'containerDefinitions'>,
  role: string | undefined,
): void {
  if (!loadBalancers?.length) return;
  if (role) throw invalidParameter('You cannot specify an IAM role for services that require a service linked role.');
  if (loadBalancers.length > 5) throw invalidParameter('A service can have at most 5 load balancers.');
  for (const lb of loadBalancers) {
    if (lb.loadBalancerName)
      throw invalidParameter('Classic Load Balancers are not supported with the awsvpc network mode; use a target group (targetGroupArn).');
    if (!lb.targetGroupArn) throw invalidParameter('targetGroupArn is required for a load balancer of an awsvpc service.');
    const tg = state.targetGroups[lb.targetGroupArn];
    if (!tg)
      throw invalidParameter(
        'Unable to assume role and validate the specified targetGroupArn. Please verify that the ECS service role being passed has the proper permissions.',
      );
    if (loadBalancersOfTargetGroup(state, tg.targetGroupArn).length === 0)
      throw invalidParameter(`The target group with targetGroupArn ${tg.targetGroupArn} does not have an associated load balancer.`);
    if (!lb.containerName || lb.containerPort === undefined)
      throw invalidParameter('containerName and containerPort must be specified for a load balancer.');
    const container = td.containerDefinitions.find((c) => c.name === lb.containerName);
    if (!container) throw invalidParameter(`The container ${lb.containerName} does not exist in the task definition.`);
    if (!(container.portMappings ?? []).some((p) => p.containerPort === lb.containerPort))
      throw invalidParameter(`The container ${lb.containerName} did not have a container port ${lb.containerPort} defined.`);
  }
}
