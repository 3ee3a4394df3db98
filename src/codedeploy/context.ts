// What every CodeDeploy operation receives: who is asking, the application's dependencies, and the deployment
// engine (to wake it when a deployment is created, stopped or continued).
import type { ActionContext } from '../actions/context.js';
import type { Scope } from '../domain/scope.js';

export interface DeploymentWaker {
  wake(scope: Scope): void;
}

export interface CodeDeployContext extends ActionContext {
  deployments: DeploymentWaker;
}

/** One CodeDeploy operation: the request body in, wire output out. Throws CodeDeployError for client faults. */
export type CodeDeployAction = (ctx: CodeDeployContext, input: Record<string, unknown>) => unknown | Promise<unknown>;
