// What every operation handler receives: who is asking (scope), and the application's dependencies (app-deps.ts).
import type { AppDeps } from '../app-deps.js';
import type { Scope } from '../domain/scope.js';

export interface ActionContext {
  scope: Scope;
  requestId: string;
  deps: AppDeps;
}

/** One ECS operation: validated input in, wire output out. Throws EcsError for client faults. */
// biome-ignore lint/suspicious/noExplicitAny: each operation narrows its own input after model validation
export type Action = (ctx: ActionContext, input: any) => unknown | Promise<unknown>;
