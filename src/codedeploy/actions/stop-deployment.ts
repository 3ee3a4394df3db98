import { deploymentAlreadyCompleted } from '../../domain/codedeploy/errors.js';
import { isActive } from '../../domain/codedeploy/records.js';
import type { CodeDeployAction } from '../context.js';
import { optBool } from '../support/input.js';
import { deployment, deploymentIdOf } from '../support/lookup.js';

/**
 * Asks the engine to stop the deployment: it ends Stopped, and with autoRollbackEnabled (or the group's rollback on
 * DEPLOYMENT_STOP_ON_REQUEST) a rollback deployment puts all traffic back on the original task set.
 */
export const stopDeployment: CodeDeployAction = (ctx, b) => {
  const id = deploymentIdOf(b);
  const rollbackAsked = optBool(b, 'autoRollbackEnabled');
  ctx.deps.store.update(ctx.scope, (state) => {
    const d = deployment(state, id);
    if (!isActive(d) || d.stopRequested) throw deploymentAlreadyCompleted(id);
    const byGroup = !!d.autoRollback?.enabled && d.autoRollback.events.includes('DEPLOYMENT_STOP_ON_REQUEST');
    d.stopRequested = {
      rollback: rollbackAsked ?? byGroup,
      reason: 'user',
      code: 'MANUAL_STOP',
      message: 'The deployment was stopped by a user.',
    };
  });
  ctx.deployments.wake(ctx.scope);
  return { status: 'Pending', statusMessage: 'Stopping Pending. Stopping to schedule commands in the deployment instances' };
};
