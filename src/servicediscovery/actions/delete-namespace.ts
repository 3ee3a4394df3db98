import type { Action } from '../../actions/context.js';
import { deleteNamespace as remove } from '../../domain/cloudmap/namespaces.js';
import { newOperationId } from '../../domain/cloudmap/ids.js';
import { body, reqString } from '../support/input.js';
import { updateState } from '../support/state.js';

export const deleteNamespace: Action = (ctx, input) => {
  const id = reqString(body(input), 'Id', 64);
  const operationId = newOperationId(ctx.deps.ids);
  return { OperationId: updateState(ctx, (s) => remove(s, id, operationId, ctx.deps.clock.now())) };
};
