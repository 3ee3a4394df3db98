import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { encodeToken, numberKey, type Page, paginate, paginateSorted, sortByKey } from './pagination.js';

const limits = { defaultSize: 3, max: 5 };

describe('paginateSorted', () => {
  it('gives the pages paginate gives over the filtered list, from any token (a key that need not be in the list)', () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(fc.string({ maxLength: 4 }), { maxLength: 30 }),
        fc.func(fc.boolean()),
        fc.option(fc.integer({ min: 1, max: 5 }), { nil: undefined }),
        fc.option(fc.string({ maxLength: 4 }), { nil: undefined }),
        (raw, keep, maxResults, after) => {
          const items = [...raw].sort();
          const request = { maxResults, nextToken: after === undefined ? undefined : encodeToken(after) };
          const expected = paginate(
            items.filter((x) => keep(x)),
            (x) => x,
            request,
            limits,
          );
          expect(
            paginateSorted(
              items,
              (x) => x,
              (x) => keep(x),
              request,
              limits,
            ),
          ).toEqual(expected);
        },
      ),
    );
  });

  it('refuses maxResults outside 1..max as paginate does', () => {
    expect(() =>
      paginateSorted(
        ['a'],
        (x) => x,
        () => true,
        { maxResults: 6 },
        limits,
      ),
    ).toThrow('maxResults must be between 1 and 5.');
  });
});

describe('paginate', () => {
  const id = (x: string) => x;
  const keys = fc.uniqueArray(fc.string({ maxLength: 4 }), { maxLength: 40 }).map((raw) => [...raw].sort());

  function readAll(items: readonly string[], maxResults: number): string[][] {
    const pages: string[][] = [];
    let nextToken: string | undefined;
    do {
      const page = paginate(items, id, { maxResults, nextToken }, limits);
      pages.push(page.items);
      nextToken = page.nextToken;
    } while (nextToken && pages.length <= items.length + 1);
    return pages;
  }

  it('covers every item exactly once, in order, in pages of at most maxResults', () => {
    fc.assert(
      fc.property(keys, fc.integer({ min: 1, max: 5 }), (items, maxResults) => {
        const pages = readAll(items, maxResults);
        expect(pages.flat()).toEqual(items);
        for (const p of pages) expect(p.length).toBeLessThanOrEqual(maxResults);
        expect(pages.slice(0, -1).every((p) => p.length === maxResults)).toBe(true);
      }),
    );
  });

  it('keeps a token valid while items are added before and after it: nothing repeated, nothing before it lost', () => {
    fc.assert(
      fc.property(keys, fc.integer({ min: 1, max: 5 }), keys, (items, maxResults, added) => {
        const first = paginate(items, id, { maxResults }, limits);
        fc.pre(first.nextToken !== undefined);
        const last = first.items[first.items.length - 1]!;
        const grown = [...new Set([...items, ...added])].sort();
        const rest: string[] = [];
        let nextToken: string | undefined = first.nextToken;
        while (nextToken) {
          const page: Page<string> = paginate(grown, id, { maxResults, nextToken }, limits);
          rest.push(...page.items);
          nextToken = page.nextToken;
        }
        // exactly the items after the last one returned, old and new, each once
        expect(rest).toEqual(grown.filter((k) => k > last));
        expect(rest.filter((k) => first.items.includes(k))).toEqual([]);
      }),
    );
  });

  it('keeps a token valid when the item it names is gone', () => {
    const first = paginate(['a', 'b', 'c', 'd'], id, { maxResults: 2 }, limits);
    expect(paginate(['a', 'c', 'd'], id, { nextToken: first.nextToken }, limits).items).toEqual(['c', 'd']);
  });

  it('returns everything after the token when the default size is unbounded', () => {
    const items = ['a', 'b', 'c', 'd', 'e', 'f', 'g'];
    const first = paginate(items, id, { maxResults: 2 }, { defaultSize: Infinity, max: 5 });
    expect(paginate(items, id, { nextToken: first.nextToken }, { defaultSize: Infinity, max: 5 })).toEqual({
      items: ['c', 'd', 'e', 'f', 'g'],
      nextToken: undefined,
    });
  });

  it("refuses a token it did not issue, and a size out of bounds, with ECS's errors by default", () => {
    for (const nextToken of ['not-a-token', Buffer.from('{"x":1}').toString('base64url'), Buffer.from('7').toString('base64url')]) {
      expect(() => paginate(['a'], id, { nextToken }, limits)).toThrow(
        expect.objectContaining({ code: 'InvalidParameterException', message: 'Invalid nextToken.' }),
      );
    }
    expect(() => paginate(['a'], id, { maxResults: 0 }, limits)).toThrow('maxResults must be between 1 and 5.');
  });

  it("words errors the caller's way, with its bounds", () => {
    const errors = {
      badToken: (token: string) => new Error(`token ${token}`),
      badSize: (size: number, b: { min: number; max: number }) => new Error(`size ${size} not in ${b.min}..${b.max}`),
    };
    const bounds = { defaultSize: 10, min: 5, max: 50 };
    expect(() => paginate(['a'], id, { nextToken: 'zzz' }, bounds, errors)).toThrow('token zzz');
    expect(() => paginate(['a'], id, { maxResults: 4 }, bounds, errors)).toThrow('size 4 not in 5..50');
    expect(() => paginate(['a'], id, { maxResults: 51 }, bounds, errors)).toThrow('size 51 not in 5..50');
    expect(paginate(['a'], id, { maxResults: 5 }, bounds, errors).items).toEqual(['a']);
  });
});

describe('sortByKey and numberKey', () => {
  it('order items as paginate expects, numbers by value', () => {
    const items = [{ n: 10 }, { n: 9 }, { n: 100 }, { n: 0 }];
    expect(sortByKey(items, (x) => numberKey(x.n)).map((x) => x.n)).toEqual([0, 9, 10, 100]);
  });
});
