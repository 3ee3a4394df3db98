// The CODE_DEPLOY deployment controller: runs every active CodeDeploy deployment through its steps
// (domain/codedeploy/deployment-flow.ts) and carries out their effects as CodeDeploy does on AWS, only through ECS
// task set operations and ELBv2 ModifyListener, called in-process through those services' own actions. It wakes
// when an operation changes a deployment and on a timer (for traffic steps, waits and task set stability).
import type { ActionContext } from '../actions/context.js';
import type { AppDeps } from '../app-deps.js';
import {
  advanceDeployment,
  type DeploymentEffect,
  type DeploymentObservation,
  fail,
  type FlowOptions,
  type FlowStep,
  keepRequests,
  rollbackDeploymentOf,
} from '../domain/codedeploy/deployment-flow.js';
import { type DeploymentRecord, groupKey, isActive } from '../domain/codedeploy/records.js';
import type { Scope } from '../domain/scope.js';
import type { DeploymentWaker } from './context.js';
import { forwardListener } from './support/elbv2.js';

/** The ECS task set operations a deployment needs (support/ecs.ts implements them with ECS's actions). */
export interface EcsTaskSets {
  /** The service's primary task set: its id, target group and task definition. */
  primaryTaskSet(ctx: ActionContext, cluster: string, service: string): DeploymentObservation['blue'];
  /** Creates the replacement task set at 100% scale in `targetGroupArn`; returns its id. */
  createTaskSet(ctx: ActionContext, d: DeploymentRecord, targetGroupArn: string): Promise<string>;
  /** STEADY_STATE or STABILIZING; undefined when the task set is gone. */
  stability(ctx: ActionContext, cluster: string, service: string, taskSetId: string): 'STEADY_STATE' | 'STABILIZING' | undefined;
  setPrimary(ctx: ActionContext, cluster: string, service: string, taskSetId: string): Promise<void>;
  deleteTaskSet(ctx: ActionContext, cluster: string, service: string, taskSetId: string): Promise<void>;
}

export interface CodeDeployEngineOptions {
  /** Factor applied to every wait in minutes (config: deploymentTimeScale). */
  timeScale: number;
  /** Hooks succeed at once instead of waiting for PutLifecycleEventHookExecutionStatus. */
  autoSucceedHooks: boolean;
  /** How often active deployments are looked at without a wake-up. */
  intervalMs?: number;
}

const MAX_STEPS_PER_SWEEP = 50;

/**
 * Both target groups of the pair, weighted: a listener keeps forwarding to both (0 for the one without traffic), so
 * both stay attached to the load balancer and the next deployment can put its task set in the idle one.
 */
const weighted = (blueTg: string, greenTg: string, greenPercent: number) => {
  const green = Math.min(100, Math.max(0, greenPercent));
  return [
    { arn: blueTg, weight: 100 - green },
    { arn: greenTg, weight: green },
  ];
};

export class CodeDeployEngine implements DeploymentWaker {
  private timer: NodeJS.Timeout | undefined;
  private sweeping: Promise<void> | undefined;
  private again = false;
  private closed = false;
  private readonly flow: FlowOptions;

  constructor(
    private readonly deps: AppDeps,
    private readonly ecs: EcsTaskSets,
    private readonly options: CodeDeployEngineOptions,
  ) {
    this.flow = {
      timeScale: options.timeScale,
      autoSucceedHooks: options.autoSucceedHooks,
      newHookExecutionId: () => deps.ids.uuid(),
    };
  }

  start(): void {
    this.timer = setInterval(() => this.wake(), this.options.intervalMs ?? 250);
    this.timer.unref();
    this.wake();
  }

  wake(_scope?: Scope): void {
    if (this.closed) return;
    if (this.sweeping) {
      this.again = true;
      return;
    }
    this.sweeping = this.sweep()
      .catch((err: unknown) => this.deps.logger.error({ err }, 'CodeDeploy engine sweep failed'))
      .finally(() => {
        this.sweeping = undefined;
        if (this.again) {
          this.again = false;
          this.wake();
        }
      });
  }

  /** Resolves when no sweep is running (tests). */
  async idle(): Promise<void> {
    while (this.sweeping) await this.sweeping;
  }

  async close(): Promise<void> {
    this.closed = true;
    clearInterval(this.timer);
    await this.idle();
  }

  private async sweep(): Promise<void> {
    const { store } = this.deps;
    for (const scope of store.scopes()) {
      const ids = store.read(scope, (s) =>
        Object.values(s.codeDeployDeployments ?? {})
          .filter(isActive)
          .map((d) => d.deploymentId),
      );
      for (const id of ids) {
        if (this.closed) return;
        await this.drive(scope, id);
      }
    }
  }

  private async drive(scope: Scope, id: string): Promise<void> {
    const ctx: ActionContext = { scope, requestId: this.deps.ids.uuid(), deps: this.deps };
    for (let i = 0; i < MAX_STEPS_PER_SWEEP; i++) {
      const d = this.deps.store.read(scope, (s) => s.codeDeployDeployments[id]);
      if (!d || d.phase === 'done') return;
      let step = advanceDeployment(d, this.observe(ctx, d), this.deps.clock.now(), this.flow);
      if (step.deployment === d) return;
      step = await this.carryOut(ctx, step);
      this.save(scope, step.deployment);
    }
  }

  private observe(ctx: ActionContext, d: DeploymentRecord): DeploymentObservation {
    const { clusterName, serviceName } = d.target;
    if (d.phase === 'start') return { blue: this.ecs.primaryTaskSet(ctx, clusterName, serviceName) };
    if (d.phase !== 'installing' || !d.greenTaskSetId) return {};
    const stability = this.ecs.stability(ctx, clusterName, serviceName, d.greenTaskSetId);
    return stability ? { greenStability: stability } : { greenFailure: `The replacement task set ${d.greenTaskSetId} is gone.` };
  }

  /** Runs the step's effects in order; a failing effect fails the deployment (and its rollback's effects run). */
  private async carryOut(ctx: ActionContext, step: FlowStep): Promise<FlowStep> {
    const d = step.deployment;
    for (const effect of step.effects) {
      try {
        await this.apply(ctx, d, effect);
      } catch (err) {
        const message = err instanceof Error ? err.message : String(err);
        this.deps.logger.warn({ err, deploymentId: d.deploymentId, effect: effect.type }, 'CodeDeploy deployment step failed');
        if (d.phase === 'rollback' || d.phase === 'done') {
          d.statusMessages.push(`${effect.type}: ${message}`);
          continue;
        }
        return this.carryOut(ctx, fail(d, 'ECS_UPDATE_ERROR', message, this.deps.clock.now()));
      }
    }
    return step;
  }

  private async apply(ctx: ActionContext, d: DeploymentRecord, effect: DeploymentEffect): Promise<void> {
    const { clusterName: cluster, serviceName: service } = d.target;
    const blueTg = d.target.blueTargetGroupArn!;
    const greenTg = d.target.greenTargetGroupArn!;
    switch (effect.type) {
      case 'create-green':
        d.greenTaskSetId = await this.ecs.createTaskSet(ctx, d, greenTg);
        return;
      case 'route-test':
        for (const arn of d.target.testListenerArns)
          await forwardListener(ctx, arn, weighted(blueTg, greenTg, effect.to === 'green' ? 100 : 0));
        return;
      case 'route-prod':
        for (const arn of d.target.prodListenerArns) await forwardListener(ctx, arn, weighted(blueTg, greenTg, effect.greenPercent));
        return;
      case 'set-primary':
        await this.ecs.setPrimary(ctx, cluster, service, effect.taskSet === 'green' ? d.greenTaskSetId! : d.target.blueTaskSetId!);
        return;
      case 'delete-task-set': {
        const taskSetId = effect.taskSet === 'green' ? d.greenTaskSetId : d.target.blueTaskSetId;
        if (taskSetId) await this.ecs.deleteTaskSet(ctx, cluster, service, taskSetId);
        return;
      }
      case 'start-rollback': {
        const rollbackId = `d-${this.deps.ids.hex32().slice(0, 9).toUpperCase()}`;
        const rollback = rollbackDeploymentOf(d, rollbackId, this.deps.clock.now());
        d.rollbackInfo = { rollbackDeploymentId: rollbackId, rollbackMessage: `Deployment rolled back by deployment ${rollbackId}.` };
        this.deps.store.update(ctx.scope, (s) => {
          s.codeDeployDeployments[rollbackId] = rollback;
        });
        return;
      }
    }
  }

  private save(scope: Scope, next: DeploymentRecord): void {
    this.deps.store.update(scope, (s) => {
      const current = s.codeDeployDeployments[next.deploymentId];
      s.codeDeployDeployments[next.deploymentId] = current ? keepRequests(current, next) : next;
      if (next.status === 'Succeeded' && next.creator === 'user') {
        const group = s.codeDeployDeploymentGroups[groupKey(next.applicationName, next.deploymentGroupName)];
        if (group) group.lastSuccessfulDeploymentId = next.deploymentId;
      }
    });
  }
}
