import type { Action } from '../../actions/context.js';
import { serviceAttributesLimitExceeded } from '../../domain/cloudmap/errors.js';
import { MAX_SERVICE_ATTRIBUTES, serviceById } from '../../domain/cloudmap/services.js';
import { body, optStringMap, reqString } from '../support/input.js';
import { updateState } from '../support/state.js';
import { invalidInput } from '../../domain/cloudmap/errors.js';

export const updateServiceAttributes: Action = (ctx, input) => {
  const b = body(input);
  const id = reqString(b, 'ServiceId', 64);
  const attributes = optStringMap(b, 'Attributes');
  if (!attributes || Object.keys(attributes).length === 0) throw invalidInput('Attributes must contain at least one attribute');
  updateState(ctx, (s) => {
    serviceById(s, id);
    const merged = { ...s.cloudMapServices[id]!.attributes, ...attributes };
    if (Object.keys(merged).length > MAX_SERVICE_ATTRIBUTES) throw serviceAttributesLimitExceeded();
    s.cloudMapServices[id]!.attributes = merged;
  });
  return {};
};
