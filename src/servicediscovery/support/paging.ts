// MaxResults / NextToken for Cloud Map's List* calls, over lists sorted by a unique key; a bad token is InvalidInput.
import { invalidInput } from '../../domain/cloudmap/errors.js';
import { paginate, type Page } from '../../domain/pagination.js';
import { type Body, optInt, optString } from './input.js';

export function page<T>(b: Body, items: readonly T[], keyOf: (item: T) => string, max = 100): Page<T> {
  const maxResults = optInt(b, 'MaxResults', 1, max);
  const nextToken = optString(b, 'NextToken', 4096);
  return paginate(
    items,
    keyOf,
    { maxResults, nextToken },
    { defaultSize: max, max },
    {
      badToken: (token) => invalidInput(`Invalid NextToken: ${token}`),
      // optInt has refused it already, in Cloud Map's words
      badSize: (size) => invalidInput(`Invalid MaxResults: ${size}`),
    },
  );
}
