// Cloud Map's tags: at most 50 per resource, keys 1..128 characters, values 0..256; tagging an existing key
// replaces its value.
import { invalidInput, tooManyTags } from './errors.js';
import type { CloudMapTag } from './records.js';

export const MAX_TAGS = 50;

export function checkTags(tags: readonly CloudMapTag[] | undefined, arn: string): CloudMapTag[] {
  const list = tags ?? [];
  for (const tag of list) {
    if (typeof tag?.Key !== 'string' || tag.Key.length < 1 || tag.Key.length > 128) {
      throw invalidInput('Tag keys must be between 1 and 128 characters long');
    }
    if (typeof tag.Value !== 'string' || tag.Value.length > 256) throw invalidInput('Tag values must be at most 256 characters long');
  }
  if (list.length > MAX_TAGS) throw tooManyTags(arn);
  return list.map((t) => ({ Key: t.Key, Value: t.Value }));
}

export function mergeTags(existing: readonly CloudMapTag[], added: readonly CloudMapTag[], arn: string): CloudMapTag[] {
  const result = existing.map((t) => ({ ...t }));
  for (const tag of added) {
    const found = result.find((t) => t.Key === tag.Key);
    if (found) found.Value = tag.Value;
    else result.push({ ...tag });
  }
  if (result.length > MAX_TAGS) throw tooManyTags(arn);
  return result;
}
