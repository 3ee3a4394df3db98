// AWS CodeDeploy on the emulator's port, in AWS JSON 1.1 (X-Amz-Target CodeDeploy_20141006.<Operation>): the part
// ECS blue/green deployments use (applications, deployment groups, configurations, deployments of the ECS compute
// platform). Errors carry CodeDeploy's own codes and a `message`.
import type { Action } from '../actions/context.js';
import { CodeDeployError } from '../domain/codedeploy/errors.js';
import type { WireError } from '../protocol/errors.js';
import type { JsonService } from '../protocol/server.js';
import type { CodeDeployAction, DeploymentWaker } from './context.js';
import { CODEDEPLOY_ACTIONS } from './index.js';
import { body } from './support/input.js';

export const CODEDEPLOY_TARGET_PREFIX = 'CodeDeploy_20141006';

export function createCodeDeployService(
  deployments: DeploymentWaker,
  actions: Readonly<Record<string, CodeDeployAction>> = CODEDEPLOY_ACTIONS,
): JsonService {
  const operations: Record<string, Action> = {};
  for (const [name, action] of Object.entries(actions)) operations[name] = (ctx, input) => action({ ...ctx, deployments }, body(input));
  return { targetPrefix: CODEDEPLOY_TARGET_PREFIX, operations, validate: (_op, input) => void body(input), wireError };
}

function wireError(err: unknown): WireError | undefined {
  if (!(err instanceof CodeDeployError)) return undefined;
  return { status: err.status, code: err.code, body: { __type: err.code, message: err.message } };
}
