// CodeDeploy's List* calls page with nextToken only (no page size): 100 items a page over a list sorted by a
// unique key. A token that is not one of ours is InvalidNextTokenException.
import { invalidNextToken } from '../../domain/codedeploy/errors.js';
import { paginate } from '../../domain/pagination.js';
import { type Body, optString } from './input.js';

export const PAGE_SIZE = 100;

export function page<T>(b: Body, items: readonly T[], keyOf: (item: T) => string): { items: T[]; nextToken?: string } {
  const nextToken = optString(b, 'nextToken');
  return paginate(
    items,
    keyOf,
    { nextToken },
    { defaultSize: PAGE_SIZE, max: PAGE_SIZE },
    {
      badToken: () => invalidNextToken(),
      badSize: () => invalidNextToken(), // no page size in CodeDeploy's List* calls
    },
  );
}
