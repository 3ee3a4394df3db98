// The one pagination scheme of the emulator: a page of a list sorted by a unique string key, and an opaque token
// that names the last key returned. Pages stay consistent while items come and go between calls (an item added
// before the token's key is not repeated, one added after it is still reached), which an offset cannot promise.
// Each service words its own errors: the caller passes them in `PageErrors` (ECS's are the default).
// CloudWatch Logs' GetLogEvents and FilterLogEvents keep their own tokens (domain/logs): those name a position
// in a stream by time and direction (forward/backward, as AWS does), not a key in a sorted list.
import { invalidParameter } from './errors.js';

export interface PageRequest {
  maxResults?: number;
  nextToken?: string;
}

export interface Page<T> {
  items: T[];
  nextToken?: string;
}

export interface PageLimits {
  /** Page size when maxResults is absent (Infinity: everything after the token, as EC2 and ELBv2 do). */
  defaultSize: number;
  /** Largest maxResults AWS accepts for the operation. */
  max: number;
  /** Smallest maxResults AWS accepts (1 when absent). */
  min?: number;
}

/** How a service refuses a token it did not issue and a page size out of bounds. */
export interface PageErrors {
  badToken: (token: string) => Error;
  badSize: (size: number, limits: { min: number; max: number }) => Error;
}

/** ECS's wording (InvalidParameterException). */
export const ecsPageErrors: PageErrors = {
  badToken: () => invalidParameter('Invalid nextToken.'),
  badSize: (_size, { max }) => invalidParameter(`maxResults must be between 1 and ${max}.`),
};

export function encodeToken(key: string): string {
  return Buffer.from(JSON.stringify({ k: key }), 'utf8').toString('base64url');
}

/** The key a token names; `errors.badToken` for anything that is not a token of ours. */
export function decodeToken(token: string, errors: PageErrors = ecsPageErrors): string {
  try {
    const parsed = JSON.parse(Buffer.from(token, 'base64url').toString('utf8')) as { k?: unknown };
    if (typeof parsed.k === 'string') return parsed.k;
  } catch {
    // fall through
  }
  throw errors.badToken(token);
}

/** A fixed-width key part for a non-negative integer, so that keys compare as the numbers do. */
export function numberKey(n: number): string {
  return String(n).padStart(16, '0');
}

/** A copy of `items` in key order, the order `paginate` expects. */
export function sortByKey<T>(items: readonly T[], keyOf: (item: T) => string): T[] {
  return items
    .map((item) => ({ item, key: keyOf(item) }))
    .sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0))
    .map((x) => x.item);
}

/** The page size a request asks for; `errors.badSize` outside min..max. */
function pageSize(request: PageRequest, limits: PageLimits, errors: PageErrors): number {
  const min = limits.min ?? 1;
  const n = request.maxResults;
  if (n !== undefined && (!Number.isInteger(n) || n < min || n > limits.max)) throw errors.badSize(n, { min, max: limits.max });
  return n ?? limits.defaultSize;
}

function pageOf<T>(page: T[], more: boolean, keyOf: (item: T) => string): Page<T> {
  return { items: page, nextToken: more && page.length ? encodeToken(keyOf(page[page.length - 1]!)) : undefined };
}

/** `items` must be sorted by `keyOf` (see `sortByKey`), and keys must be unique. */
export function paginate<T>(
  items: readonly T[],
  keyOf: (item: T) => string,
  request: PageRequest,
  limits: PageLimits,
  errors: PageErrors = ecsPageErrors,
): Page<T> {
  const size = pageSize(request, limits, errors);
  let start = 0;
  if (request.nextToken) {
    const after = decodeToken(request.nextToken, errors);
    start = items.findIndex((item) => keyOf(item) > after);
    if (start < 0) start = items.length;
  }
  return pageOf(items.slice(start, start + size), start + size < items.length, keyOf);
}

/**
 * Like `paginate`, over items already in key order that are filtered as the page fills: the page starts after
 * the token's key (a binary search) and reads only as far as it needs, so its cost follows the page, not the list.
 */
export function paginateSorted<T>(
  items: readonly T[],
  keyOf: (item: T) => string,
  accept: (item: T) => boolean,
  request: PageRequest,
  limits: PageLimits,
  errors: PageErrors = ecsPageErrors,
): Page<T> {
  const size = pageSize(request, limits, errors);
  let start = 0;
  if (request.nextToken) {
    const after = decodeToken(request.nextToken, errors);
    let hi = items.length;
    while (start < hi) {
      const mid = (start + hi) >>> 1;
      if (keyOf(items[mid]!) > after) hi = mid;
      else start = mid + 1;
    }
  }
  const page: T[] = [];
  let i = start;
  for (; i < items.length && page.length < size; i++) if (accept(items[i]!)) page.push(items[i]!);
  let more = false;
  for (; i < items.length && !more; i++) more = accept(items[i]!);
  return pageOf(page, more, keyOf);
}
