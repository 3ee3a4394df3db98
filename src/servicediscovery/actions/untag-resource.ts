import type { Action } from '../../actions/context.js';
import { invalidInput } from '../../domain/cloudmap/errors.js';
import { body, optStringList, reqString } from '../support/input.js';
import { updateState } from '../support/state.js';
import { taggedDraft } from '../support/tagged.js';

export const untagResource: Action = (ctx, input) => {
  const b = body(input);
  const arn = reqString(b, 'ResourceARN', 1011);
  const keys = optStringList(b, 'TagKeys');
  if (!keys)
    throw invalidInput("1 validation error detected: Value null at 'tagKeys' failed to satisfy constraint: Member must not be null");
  updateState(ctx, (s) => {
    const record = taggedDraft(s, arn);
    record.tags = record.tags.filter((t) => !keys.includes(t.Key));
  });
  return {};
};
