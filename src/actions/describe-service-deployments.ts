import type * as Ecs from '@aws-sdk/client-ecs';
import { invalidParameter } from '../domain/errors.js';
import type { ActionContext } from './context.js';
import { serviceOfArn } from './support/service-deployments.js';
import { toWireServiceDeployment } from './wire/service-deployment.js';
import { liveTasks } from '../store/queries.js';

const MAX_ARNS = 20;

/** Up to 20 service deployments by ARN; ARNs not found are MISSING failures. */
export function describeServiceDeployments(
  ctx: ActionContext,
  input: Ecs.DescribeServiceDeploymentsRequest,
): Ecs.DescribeServiceDeploymentsResponse {
  const { scope, deps } = ctx;
  const arns = input.serviceDeploymentArns ?? [];
  if (arns.length === 0) throw invalidParameter('serviceDeploymentArns cannot be empty.');
  if (arns.length > MAX_ARNS) throw invalidParameter(`serviceDeploymentArns can have at most ${MAX_ARNS} items.`);
  return deps.store.read(scope, (state) => {
    const serviceDeployments: Ecs.ServiceDeployment[] = [];
    const failures: Ecs.Failure[] = [];
    const tasks = liveTasks(state);
    for (const arn of arns) {
      const record = state.serviceDeployments?.[arn];
      const svc = record && serviceOfArn(state, arn);
      if (record && svc?.serviceArn === record.serviceArn) serviceDeployments.push(toWireServiceDeployment(record, svc, tasks));
      else failures.push({ arn, reason: 'MISSING' });
    }
    return { serviceDeployments, failures };
  });
}
