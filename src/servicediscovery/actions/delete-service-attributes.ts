import type { Action } from '../../actions/context.js';
import { invalidInput } from '../../domain/cloudmap/errors.js';
import { serviceById } from '../../domain/cloudmap/services.js';
import { body, optStringList, reqString } from '../support/input.js';
import { updateState } from '../support/state.js';

export const deleteServiceAttributes: Action = (ctx, input) => {
  const b = body(input);
  const id = reqString(b, 'ServiceId', 64);
  const keys = optStringList(b, 'Attributes');
  if (!keys || keys.length === 0) throw invalidInput('Attributes must contain at least one key');
  updateState(ctx, (s) => {
    serviceById(s, id);
    for (const key of keys) delete s.cloudMapServices[id]!.attributes[key];
  });
  return {};
};
