import type { Action } from '../../actions/context.js';
import { serviceById } from '../../domain/cloudmap/services.js';
import { body, reqString } from '../support/input.js';
import { readState } from '../support/state.js';
import { serviceWire } from '../wire/service.js';

export const getService: Action = (ctx, input) => {
  const id = reqString(body(input), 'Id', 64);
  return readState(ctx, (s) => ({ Service: serviceWire(s, ctx.scope, serviceById(s, id)) }));
};
