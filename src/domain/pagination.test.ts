import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { encodeToken, paginate, paginateSorted } from './pagination.js';

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
