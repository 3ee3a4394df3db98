import type { Action } from '../../actions/context.js';
import { deleteService as remove } from '../../domain/cloudmap/services.js';
import { body, reqString } from '../support/input.js';
import { updateState } from '../support/state.js';

export const deleteService: Action = (ctx, input) => {
  const id = reqString(body(input), 'Id', 64);
  updateState(ctx, (s) => remove(s, id));
  return {};
};
