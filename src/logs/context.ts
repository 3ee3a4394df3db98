// What every CloudWatch Logs operation receives: who is asking, the application's dependencies, and the log store.
import type { ActionContext } from '../actions/context.js';
import type { LogStore } from '../domain/logs/model.js';

export interface LogsContext extends ActionContext {
  logs: LogStore;
}

/** One Logs operation: validated input in (support/shapes.ts), wire output out. Throws LogsError for client faults. */
// biome-ignore lint/suspicious/noExplicitAny: each operation narrows its own input after model validation
export type LogsAction = (ctx: LogsContext, input: any) => unknown;
