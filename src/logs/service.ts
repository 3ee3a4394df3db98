// CloudWatch Logs on the emulator's port, in AWS JSON 1.1 (X-Amz-Target Logs_20140328.<Operation>): input checked
// against the Logs model (support/shapes.ts), errors in Logs' own codes and wording.
import type { Action } from '../actions/context.js';
import { LogsError } from '../domain/logs/errors.js';
import type { LogStore } from '../domain/logs/model.js';
import type { WireError } from '../protocol/errors.js';
import type { JsonService } from '../protocol/server.js';
import type { LogsAction } from './context.js';
import { LOGS_ACTIONS } from './index.js';
import { validateLogsInput } from './support/validate.js';

export const LOGS_TARGET_PREFIX = 'Logs_20140328';

export function createLogsService(logs: LogStore, actions: Readonly<Record<string, LogsAction>> = LOGS_ACTIONS): JsonService {
  const operations: Record<string, Action> = {};
  for (const [name, action] of Object.entries(actions)) operations[name] = (ctx, input) => action({ ...ctx, logs }, input);
  return {
    targetPrefix: LOGS_TARGET_PREFIX,
    operations,
    validate: validateLogsInput,
    wireError: logsWireError,
  };
}

function logsWireError(err: unknown): WireError | undefined {
  if (!(err instanceof LogsError)) return undefined;
  const body = err.message ? { __type: err.code, message: err.message } : { __type: err.code };
  return { status: err.status, code: err.code, body };
}
