import type { Action } from '../../actions/context.js';
import { body, reqString } from '../support/input.js';
import { readState } from '../support/state.js';
import { taggedResource } from '../support/tagged.js';

export const listTagsForResource: Action = (ctx, input) => {
  const arn = reqString(body(input), 'ResourceARN', 1011);
  return readState(ctx, (s) => ({ Tags: taggedResource(s, arn).tags.map((t) => ({ Key: t.Key, Value: t.Value })) }));
};
