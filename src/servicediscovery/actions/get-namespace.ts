import type { Action } from '../../actions/context.js';
import { namespaceById } from '../../domain/cloudmap/namespaces.js';
import { body, reqString } from '../support/input.js';
import { readState } from '../support/state.js';
import { namespaceWire } from '../wire/namespace.js';

export const getNamespace: Action = (ctx, input) => {
  const id = reqString(body(input), 'Id', 64);
  return readState(ctx, (s) => ({ Namespace: namespaceWire(s, ctx.scope, namespaceById(s, id)) }));
};
