import type { Action } from '../../actions/context.js';
import { invalidInput } from '../../domain/cloudmap/errors.js';
import { checkTags, mergeTags } from '../../domain/cloudmap/tags.js';
import { body, optTags, reqString } from '../support/input.js';
import { updateState } from '../support/state.js';
import { taggedDraft } from '../support/tagged.js';

export const tagResource: Action = (ctx, input) => {
  const b = body(input);
  const arn = reqString(b, 'ResourceARN', 1011);
  const tags = optTags(b);
  if (!tags) throw invalidInput("1 validation error detected: Value null at 'tags' failed to satisfy constraint: Member must not be null");
  updateState(ctx, (s) => {
    const record = taggedDraft(s, arn);
    record.tags = mergeTags(record.tags, checkTags(tags, arn), arn);
  });
  return {};
};
