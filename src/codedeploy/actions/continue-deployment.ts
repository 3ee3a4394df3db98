import { deploymentAlreadyCompleted, deploymentIsNotInReadyState, invalidDeploymentWaitType } from '../../domain/codedeploy/errors.js';
import { isActive } from '../../domain/codedeploy/records.js';
import type { CodeDeployAction } from '../context.js';
import { optString } from '../support/input.js';
import { deployment, deploymentIdOf } from '../support/lookup.js';

/** READY_WAIT: a deployment in Ready starts shifting traffic. TERMINATION_WAIT: the original task set goes now. */
export const continueDeployment: CodeDeployAction = (ctx, b) => {
  const id = deploymentIdOf(b);
  const waitType = optString(b, 'deploymentWaitType') ?? 'READY_WAIT';
  if (waitType !== 'READY_WAIT' && waitType !== 'TERMINATION_WAIT') throw invalidDeploymentWaitType(waitType);
  ctx.deps.store.update(ctx.scope, (state) => {
    const d = deployment(state, id);
    if (!isActive(d)) throw deploymentAlreadyCompleted(id);
    if (waitType === 'READY_WAIT' && d.status !== 'Ready') throw deploymentIsNotInReadyState(id);
    if (waitType === 'TERMINATION_WAIT' && d.phase !== 'termination-wait') throw deploymentIsNotInReadyState(id);
    d.continued = waitType;
  });
  ctx.deployments.wake(ctx.scope);
  return {};
};
