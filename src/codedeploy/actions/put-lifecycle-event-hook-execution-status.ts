import {
  invalidLifecycleEventHookExecutionId,
  invalidLifecycleEventHookExecutionStatus,
  lifecycleEventAlreadyCompleted,
} from '../../domain/codedeploy/errors.js';
import type { CodeDeployAction } from '../context.js';
import { optString } from '../support/input.js';
import { deployment, deploymentIdOf } from '../support/lookup.js';

/**
 * What a hook's Lambda function would call: the hook's result. No Lambda runs here, so a test (or any client)
 * answers the hooks named in the AppSpec with this call; GetDeploymentTarget shows which hook waits.
 */
export const putLifecycleEventHookExecutionStatus: CodeDeployAction = (ctx, b) => {
  const id = deploymentIdOf(b);
  const hookId = optString(b, 'lifecycleEventHookExecutionId');
  if (!hookId) throw invalidLifecycleEventHookExecutionId(String(hookId ?? ''));
  const status = optString(b, 'status');
  if (status !== 'Succeeded' && status !== 'Failed') throw invalidLifecycleEventHookExecutionStatus(String(status ?? ''));
  ctx.deps.store.update(ctx.scope, (state) => {
    const d = deployment(state, id);
    const event = d.lifecycleEvents.find((e) => e.hookExecutionId === hookId);
    if (!event) throw invalidLifecycleEventHookExecutionId(hookId);
    if (event.hookStatus !== 'Pending' || event.status !== 'InProgress') throw lifecycleEventAlreadyCompleted(hookId);
    event.hookStatus = status;
  });
  ctx.deployments.wake(ctx.scope);
  return { lifecycleEventHookExecutionId: hookId };
};
