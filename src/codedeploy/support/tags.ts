// CodeDeploy tags: a list of {Key, Value}, at most 50 per resource; keys are unique (a new value replaces the old).
import { invalidTagsToAdd, tagRequired } from '../../domain/codedeploy/errors.js';
import type { CodeDeployTag } from '../../domain/codedeploy/records.js';
import { type Body, optObjectList, optString } from './input.js';

export const MAX_TAGS = 50;

export function tagsOf(b: Body, member = 'tags'): CodeDeployTag[] | undefined {
  const list = optObjectList(b, member);
  return list?.map((t) => {
    const Key = optString(t, 'Key');
    if (Key === undefined || Key === '') throw tagRequired();
    if ([...Key].length > 128) throw invalidTagsToAdd(`The tag key is too long: ${Key}`);
    const Value = optString(t, 'Value');
    if (Value !== undefined && [...Value].length > 256) throw invalidTagsToAdd(`The tag value is too long: ${Value}`);
    return Value === undefined ? { Key } : { Key, Value };
  });
}

export function mergeTags(existing: readonly CodeDeployTag[], added: readonly CodeDeployTag[]): CodeDeployTag[] {
  const byKey = new Map(existing.map((t) => [t.Key, t]));
  for (const t of added) byKey.set(t.Key, t);
  if (byKey.size > MAX_TAGS) throw invalidTagsToAdd(`A resource can have at most ${MAX_TAGS} tags.`);
  return [...byKey.values()];
}
