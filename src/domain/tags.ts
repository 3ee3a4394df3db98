// Resource tags, as every taggable ECS resource keeps them, and the rules AWS applies to them:
// - at most 50 tags per resource; tags whose key starts with `aws:` (any case) are AWS's own and do not count;
// - a key is 1..128 characters, a value 0..256 (Unicode characters, not bytes);
// - keys are unique per resource (tagging an existing key replaces its value);
// - callers can neither set nor remove keys or values with the `aws:` prefix.
// Messages are ours: AWS's exact wording for these refusals was not found (see the cluster module report).
import { invalidParameter, limitExceeded } from './errors.js';

export interface Tag {
  key: string;
  value: string;
}

export const MAX_TAGS_PER_RESOURCE = 50;
export const MAX_TAG_KEY_LENGTH = 128;
export const MAX_TAG_VALUE_LENGTH = 256;

/** Tags as the wire has them: both members are optional there. */
export interface WireTag {
  key?: string | undefined;
  value?: string | undefined;
}

const isReserved = (text: string) => text.toLowerCase().startsWith('aws:');
/** Length in Unicode code points, as AWS counts characters. */
const length = (text: string) => [...text].length;

/** Tags set by AWS itself (`aws:` prefix): kept on resources but not counted, edited or removed by callers. */
export const isAwsTag = (tag: Tag) => isReserved(tag.key);

/** Checks the tags a caller asks to set and returns them in stored form. */
export function validateTags(tags: readonly WireTag[]): Tag[] {
  if (tags.length > MAX_TAGS_PER_RESOURCE) {
    throw invalidParameter(`A resource can have at most ${MAX_TAGS_PER_RESOURCE} tags.`);
  }
  const seen = new Set<string>();
  return tags.map((tag) => {
    const key = tag.key;
    const value = tag.value ?? '';
    if (key === undefined || length(key) < 1 || length(key) > MAX_TAG_KEY_LENGTH) {
      throw invalidParameter(`Tag keys must be between 1 and ${MAX_TAG_KEY_LENGTH} characters.`);
    }
    if (length(value) > MAX_TAG_VALUE_LENGTH) {
      throw invalidParameter(`Tag values must be at most ${MAX_TAG_VALUE_LENGTH} characters.`);
    }
    if (isReserved(key) || isReserved(value)) {
      throw invalidParameter("Tag keys and values can't start with 'aws:'. This prefix is reserved for AWS use.");
    }
    if (seen.has(key)) throw invalidParameter(`Duplicate tag key: '${key}'. Each tag key must be unique.`);
    seen.add(key);
    return { key, value };
  });
}

/** `existing` with `added` applied (same key: new value, in place); refuses a result over the per-resource limit. */
export function applyTags(existing: readonly Tag[], added: readonly Tag[]): Tag[] {
  const result = existing.map((t) => ({ ...t }));
  for (const tag of added) {
    const found = result.find((t) => t.key === tag.key);
    if (found) found.value = tag.value;
    else result.push({ ...tag });
  }
  if (result.filter((t) => !isAwsTag(t)).length > MAX_TAGS_PER_RESOURCE) {
    throw limitExceeded(`A resource can have at most ${MAX_TAGS_PER_RESOURCE} tags.`);
  }
  return result;
}

/** `existing` without the given keys. Keys that are not there are ignored; `aws:` keys are refused. */
export function removeTags(existing: readonly Tag[], keys: readonly string[]): Tag[] {
  if (keys.some(isReserved)) {
    throw invalidParameter("Tag keys that start with 'aws:' are reserved for AWS use and can't be removed.");
  }
  const removed = new Set(keys);
  return existing.filter((t) => !removed.has(t.key)).map((t) => ({ ...t }));
}
