import type { Action } from '../../actions/context.js';
import { operationNotFound } from '../../domain/cloudmap/errors.js';
import { body, optString, reqString } from '../support/input.js';
import { readState } from '../support/state.js';
import { operationWire } from '../wire/operation.js';

export const getOperation: Action = (ctx, input) => {
  const b = body(input);
  const id = reqString(b, 'OperationId', 255);
  optString(b, 'OwnerAccount', 12);
  return readState(ctx, (s) => {
    const op = Object.hasOwn(s.cloudMapOperations, id) ? s.cloudMapOperations[id] : undefined;
    if (!op) throw operationNotFound(id);
    return { Operation: operationWire(ctx.scope, op, ctx.deps.clock.now()) };
  });
};
