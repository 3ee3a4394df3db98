import type * as Ecs from '@aws-sdk/client-ecs';
import { EcsError, invalidParameter } from '../domain/errors.js';
import { isTerminal, viewOf } from '../domain/service-deployment.js';
import { addServiceEvent } from '../domain/ecs-service.js';
import { serviceMessages } from '../domain/service-messages.js';
import type { ActionContext } from './context.js';
import { restoreBlueTraffic } from '../engine/blue-green-reconcile.js';
import { serviceOfArn } from './support/service-deployments.js';

const notFound = () => new EcsError('ServiceDeploymentNotFoundException', 'The service deployment does not exist.');
const notStoppable = (status: string) =>
  new EcsError('ConflictException', `The service deployment can't be stopped because it is ${status}.`);

/**
 * ROLLBACK (the default, and the only stop type AWS accepts, for rolling and blue/green deployments alike): the deployment's tasks are
 * replaced by those of the service revision it was replacing, as the circuit breaker's rollback does; the service
 * deployment goes ROLLBACK_IN_PROGRESS, then ROLLBACK_SUCCESSFUL. Stopping one already rolling back is a no-op.
 */
export function stopServiceDeployment(ctx: ActionContext, input: Ecs.StopServiceDeploymentRequest): Ecs.StopServiceDeploymentResponse {
  const { scope, deps } = ctx;
  const arn = input.serviceDeploymentArn!;
  if (input.stopType !== undefined && input.stopType !== 'ROLLBACK') {
    // AWS's API reference: "The valid values are ROLLBACK." (ABORT is in the model's enum, for no deployment type).
    throw invalidParameter(`The stop type ${input.stopType} isn't supported. The valid values are ROLLBACK.`);
  }
  const now = deps.clock.now();
  const poked = deps.store.update(scope, (state) => {
    const record = state.serviceDeployments?.[arn];
    const svc = record && serviceOfArn(state, arn);
    if (!record || svc?.serviceArn !== record.serviceArn) throw notFound();
    const view = viewOf(record, svc);
    if (view.status === 'ROLLBACK_IN_PROGRESS' || view.status === 'ROLLBACK_REQUESTED') return undefined;
    if (isTerminal(view.status)) throw notStoppable(view.status);
    const current = svc.deployments.find((d) => d.id === record.deploymentId)!;
    const target = svc.deployments.find((d) => d !== current && record.sources.some((s) => s.deploymentId === d.id));
    if (!target) throw notStoppable('the first deployment of the service, with no service revision to roll back to');
    Object.assign(current, {
      status: 'ACTIVE',
      rolloutState: 'FAILED',
      rolloutStateReason: 'ECS deployment stopped: rolling back.',
      updatedAt: now,
    });
    Object.assign(target, {
      status: 'PRIMARY',
      rolloutState: 'IN_PROGRESS',
      rolloutStateReason: `ECS deployment rolling back to deploymentId ${target.id}.`,
      desiredCount: svc.desiredCount,
      failedTasks: 0,
      updatedAt: now,
    });
    svc.deployments = [target, ...svc.deployments.filter((d) => d !== target)];
    svc.taskDefinition = target.taskDefinition;
    svc.launchType = target.launchType;
    svc.capacityProviderStrategy = target.capacityProviderStrategy;
    svc.networkConfiguration = target.networkConfiguration;
    svc.steady = false;
    delete svc.launchFailures;
    delete svc.launchNotBefore;
    record.stopRequested = { at: now };
    if (current.blueGreen && !current.blueGreen.finished) {
      // A blue/green deployment: all production and test traffic back on blue at once.
      current.blueGreen.finished = true;
      current.blueGreen.rolledBack = true;
      restoreBlueTraffic(state, svc, current);
    }
    addServiceEvent(svc, { id: deps.ids.uuid(), createdAt: now, message: serviceMessages.rollingBack(svc.serviceName, target.id) });
    return svc;
  });
  if (poked) {
    deps.services.poke(scope, poked.clusterName, poked.serviceName);
    void deps.loadBalancing?.changed(scope);
  }
  return { serviceDeploymentArn: arn };
}
