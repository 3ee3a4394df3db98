import { missingParameter } from '../../domain/network/ec2-errors.js';
import type { Ec2Action } from '../context.js';
import { str, strList, structList } from '../support/query-params.js';
import { updateNetwork } from '../support/region.js';
import { tagsOfResource } from '../support/taggable.js';

/** Removes the keys named (only where the value matches, when a value is given); no Tag at all removes every tag. */
export const deleteTags: Ec2Action = (ctx) => {
  const ids = strList(ctx.params, 'ResourceId');
  if (!ids.length) throw missingParameter('ResourceId');
  const wanted = structList(ctx.params, 'Tag').map((t) => ({ key: str(t, 'Key') ?? '', value: str(t, 'Value') }));
  updateNetwork(ctx, (s) => {
    const lists = ids.map((id) => tagsOfResource(s, id));
    for (const list of lists) {
      const keep = list.filter(
        (x) => wanted.length > 0 && !wanted.some((w) => w.key === x.key && (w.value === undefined || w.value === x.value)),
      );
      list.splice(0, list.length, ...keep);
    }
  });
  return { return: true };
};
