// maxResults/nextToken pagination over a list already sorted by a unique key.
// The token names the last key returned, so pages stay consistent when items come and go between calls.
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
  /** Page size when maxResults is absent. */
  defaultSize: number;
  /** Largest maxResults AWS accepts for the operation. */
  max: number;
}

export function encodeToken(key: string): string {
  return Buffer.from(JSON.stringify({ k: key }), 'utf8').toString('base64url');
}

export function decodeToken(token: string): string {
  try {
    const parsed = JSON.parse(Buffer.from(token, 'base64url').toString('utf8')) as { k?: unknown };
    if (typeof parsed.k === 'string') return parsed.k;
  } catch {
    // fall through
  }
  throw invalidParameter('Invalid nextToken.');
}

/** `items` must be sorted by `keyOf`, and keys must be unique. */
/** The page size a request asks for; InvalidParameterException outside 1..max. */
function pageSize(request: PageRequest, limits: PageLimits): number {
  if (request.maxResults !== undefined && (request.maxResults < 1 || request.maxResults > limits.max)) {
    throw invalidParameter(`maxResults must be between 1 and ${limits.max}.`);
  }
  return request.maxResults ?? limits.defaultSize;
}

export function paginate<T>(items: readonly T[], keyOf: (item: T) => string, request: PageRequest, limits: PageLimits): Page<T> {
  const size = pageSize(request, limits);
  let start = 0;
  if (request.nextToken) {
    const after = decodeToken(request.nextToken);
    start = items.findIndex((item) => keyOf(item) > after);
    if (start < 0) start = items.length;
  }
  const page = items.slice(start, start + size);
  const more = start + size < items.length;
  return { items: page, nextToken: more && page.length ? encodeToken(keyOf(page[page.length - 1]!)) : undefined };
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
): Page<T> {
  const size = pageSize(request, limits);
  let start = 0;
  if (request.nextToken) {
    const after = decodeToken(request.nextToken);
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
  return { items: page, nextToken: more && page.length ? encodeToken(keyOf(page[page.length - 1]!)) : undefined };
}
