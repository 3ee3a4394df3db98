// MaxResults / NextToken for Describe* operations: without MaxResults everything comes back in one answer, as EC2
// does; with it, pages of that size (clamped to the operation's bounds) and an opaque token for the next one.
// Not yet on the shared scheme (domain/pagination.ts, a token keyed by the last item): Describe* answers come in
// creation order and the records carry no unique key in that order (same-millisecond createdAt, random ids, the
// default subnets in zone order), so this token is still an offset, which shifts if resources go before it.
import { invalidNextToken, invalidParameterValue } from '../../domain/network/ec2-errors.js';
import { int, str, type QueryParams } from './query-params.js';

export interface Page<T> {
  items: T[];
  nextToken?: string;
}

export function paginate<T>(items: readonly T[], params: QueryParams, bounds: { min: number; max: number }): Page<T> {
  const maxResults = int(params, 'MaxResults');
  const token = str(params, 'NextToken');
  let start = 0;
  if (token) {
    const decoded = /^[0-9]+$/.test(Buffer.from(token, 'base64url').toString()) ? Number(Buffer.from(token, 'base64url').toString()) : NaN;
    if (!Number.isInteger(decoded) || decoded > items.length) throw invalidNextToken(token);
    start = decoded;
  }
  if (maxResults === undefined) return { items: items.slice(start) };
  if (maxResults < bounds.min || maxResults > bounds.max) {
    throw invalidParameterValue(
      `Value ( ${maxResults} ) for parameter maxResults is invalid. Expecting a value between ${bounds.min} and ${bounds.max}.`,
    );
  }
  const end = start + maxResults;
  return { items: items.slice(start, end), ...(end < items.length ? { nextToken: Buffer.from(String(end)).toString('base64url') } : {}) };
}
