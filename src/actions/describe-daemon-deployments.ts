import type * as Ecs from '@aws-sdk/client-ecs';
import { invalidParameter } from '../domain/errors.js';
import type { ActionContext } from './context.js';
import { toWireDaemonDeployment } from './support/daemons.js';

export function describeDaemonDeployments(
  ctx: ActionContext,
  input: Ecs.DescribeDaemonDeploymentsRequest,
): Ecs.DescribeDaemonDeploymentsResponse {
  const { scope, deps } = ctx;
  const arns = input.daemonDeploymentArns ?? [];
  if (arns.length === 0 || arns.length > 20) throw invalidParameter('daemonDeploymentArns must have between 1 and 20 items.');
  return deps.store.read(scope, (state) => {
    const daemonDeployments: Ecs.DaemonDeployment[] = [];
    const failures: Ecs.Failure[] = [];
    for (const arn of arns) {
      const d = state.daemonDeployments[arn];
      if (d) daemonDeployments.push(toWireDaemonDeployment(d, state));
      else failures.push({ arn, reason: 'MISSING' });
    }
    return { daemonDeployments, failures };
  });
}
