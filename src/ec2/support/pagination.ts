// MaxResults / NextToken for Describe* operations, on the shared scheme (domain/pagination.ts): without MaxResults
// everything comes back in one answer, as EC2 does; with it, pages of that size (within the operation's bounds) and
// a token naming the last key returned, so a page goes on where the last one ended while resources come and go.
// Records with a creation time are keyed by it, then their id (`creationKey`), which keeps the creation order EC2
// answers in; the others (route tables, gateways, ACLs, prefix lists) by their id.
import { invalidNextToken, invalidParameterValue } from '../../domain/network/ec2-errors.js';
import { type Page, type PageErrors, numberKey, paginate as paginateByKey, sortByKey } from '../../domain/pagination.js';
import { int, str, type QueryParams } from './query-params.js';

const ec2PageErrors: PageErrors = {
  badToken: (token) => invalidNextToken(token),
  badSize: (size, { min, max }) =>
    invalidParameterValue(`Value ( ${size} ) for parameter maxResults is invalid. Expecting a value between ${min} and ${max}.`),
};

/** A unique key in creation order: the creation time, then the parts given (an id last). */
export function creationKey(createdAt: number, ...parts: string[]): string {
  return [numberKey(createdAt), ...parts].join('|');
}

export function paginate<T>(
  items: readonly T[],
  keyOf: (item: T) => string,
  params: QueryParams,
  bounds: { min: number; max: number },
): Page<T> {
  const request = { maxResults: int(params, 'MaxResults'), nextToken: str(params, 'NextToken') };
  return paginateByKey(sortByKey(items, keyOf), keyOf, request, { defaultSize: Infinity, ...bounds }, ec2PageErrors);
}
