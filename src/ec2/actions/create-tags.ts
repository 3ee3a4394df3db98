import { invalidParameterValue } from '../../domain/network/ec2-errors.js';
import type { Ec2Action } from '../context.js';
import { str, strList, structList } from '../support/query-params.js';
import { missingParameter } from '../../domain/network/ec2-errors.js';
import { updateNetwork } from '../support/region.js';
import { tagsOfResource } from '../support/taggable.js';

/** Adds or overwrites tags on every resource named; all or nothing. */
export const createTags: Ec2Action = (ctx) => {
  const ids = strList(ctx.params, 'ResourceId');
  if (!ids.length) throw missingParameter('ResourceId');
  const tags = structList(ctx.params, 'Tag').map((t) => ({ key: str(t, 'Key') ?? '', value: str(t, 'Value') ?? '' }));
  if (!tags.length) throw missingParameter('Tag');
  for (const t of tags) {
    if (t.key === '') throw invalidParameterValue('Tag key cannot be empty');
    if (t.key.toLowerCase().startsWith('aws:')) throw invalidParameterValue("Tag keys starting with 'aws:' are reserved for internal use");
  }
  updateNetwork(ctx, (s) => {
    const lists = ids.map((id) => tagsOfResource(s, id));
    for (const list of lists) {
      for (const t of tags) {
        const existing = list.find((x) => x.key === t.key);
        if (existing) existing.value = t.value;
        else list.push({ ...t });
      }
    }
  });
  return { return: true };
};
