// Application Auto Scaling's pages: the shared paginate with its own refusals (inferred wording).
import { validation, invalidNextToken } from '../../domain/autoscaling/errors.js';
import { type PageErrors, type PageLimits, type Page, paginate, sortByKey } from '../../domain/pagination.js';

const errors: PageErrors = {
  badToken: () => invalidNextToken(),
  badSize: (_size, { min, max }) => validation(`MaxResults must be between ${min} and ${max}.`),
};

export function pageOf<T>(
  items: readonly T[],
  keyOf: (item: T) => string,
  request: { MaxResults?: number; NextToken?: string },
  limits: PageLimits,
): Page<T> {
  return paginate(sortByKey(items, keyOf), keyOf, { maxResults: request.MaxResults, nextToken: request.NextToken }, limits, errors);
}
