import type * as Ecs from '@aws-sdk/client-ecs';
import { EcsError, invalidParameter } from '../domain/errors.js';
import type { ActionContext } from './context.js';
import { serviceOfArn } from './support/service-deployments.js';

const notFound = () => new EcsError('ServiceDeploymentNotFoundException', 'The service deployment does not exist.');

/**
 * Answers a PAUSE lifecycle hook waiting for action (AWAITING_ACTION): CONTINUE lets the deployment go on to its next
 * stage, ROLLBACK rolls it back (all traffic back to the blue revision).
 */
export function continueServiceDeployment(
  ctx: ActionContext,
  input: Ecs.ContinueServiceDeploymentRequest,
): Ecs.ContinueServiceDeploymentResponse {
  const { scope, deps } = ctx;
  const arn = input.serviceDeploymentArn ?? '';
  const action = input.action ?? 'CONTINUE';
  if (action !== 'CONTINUE' && action !== 'ROLLBACK') throw invalidParameter(`Action ${action} is not valid. Use CONTINUE or ROLLBACK.`);
  const svc = deps.store.update(scope, (state) => {
    const record = state.serviceDeployments?.[arn];
    const svc = record && serviceOfArn(state, arn);
    if (!record || svc?.serviceArn !== record.serviceArn) throw notFound();
    const d = svc.deployments.find((x) => x.id === record.deploymentId);
    const hook = d?.blueGreen?.hooks.find((h) => h.hookId === input.hookId);
    if (!hook) throw invalidParameter(`The lifecycle hook ${input.hookId ?? ''} was not found in the service deployment.`);
    if (hook.status !== 'AWAITING_ACTION')
      throw invalidParameter(`The lifecycle hook ${hook.hookId} is ${hook.status}, not AWAITING_ACTION.`);
    hook.status = action === 'CONTINUE' ? 'SUCCEEDED' : 'FAILED';
    return svc;
  });
  deps.services.poke(scope, svc.clusterName, svc.serviceName);
  return { serviceDeploymentArn: arn };
}
