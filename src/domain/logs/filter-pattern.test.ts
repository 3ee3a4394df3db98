import { describe, expect, it } from 'vitest';
import { LogsError } from './errors.js';
import { compileFilterPattern } from './filter-pattern.js';

const matches = (pattern: string, message: string) => compileFilterPattern(pattern)(message);

describe('filter patterns: terms', () => {
  it('an empty pattern matches every event', () => {
    expect(matches('', 'anything')).toBe(true);
    expect(compileFilterPattern(undefined)('x')).toBe(true);
  });

  it('every term must appear, case-sensitively', () => {
    expect(matches('ERROR Exception', 'ERROR: NullPointerException')).toBe(true);
    expect(matches('ERROR Exception', 'ERROR: all good')).toBe(false);
    expect(matches('ERROR', 'error: lower case')).toBe(false);
  });

  it('a quoted phrase matches as a whole, with escaped quotes', () => {
    expect(matches('"not found"', 'GET /x 404 not found')).toBe(true);
    expect(matches('"not found"', 'not really found')).toBe(false);
    expect(matches('"say \\"hi\\""', 'they say "hi" here')).toBe(true);
  });

  it('-terms exclude, ?-terms need at least one', () => {
    expect(matches('GET -healthcheck', 'GET /healthcheck')).toBe(false);
    expect(matches('GET -healthcheck', 'GET /orders')).toBe(true);
    expect(matches('-"debug line"', 'a debug line')).toBe(false);
    expect(matches('?ERROR ?WARN', 'WARN disk')).toBe(true);
    expect(matches('?ERROR ?WARN', 'INFO disk')).toBe(false);
    expect(matches('disk ?ERROR ?WARN', 'WARN cpu')).toBe(false);
  });

  it('a %regex% matches anywhere in the message', () => {
    expect(matches('%timeout%', 'request timed out')).toBe(false);
    expect(matches('%timed? ?out%', 'request timed out')).toBe(true);
    expect(matches('%^\\d{3} %', '500 failed')).toBe(true);
  });

  it('an unterminated quote is refused as AWS refuses it', () => {
    expect(() => compileFilterPattern('"open')).toThrow(LogsError);
    expect(() => compileFilterPattern('"open')).toThrow('Invalid filter pattern');
  });
});

describe('filter patterns: JSON', () => {
  const event = JSON.stringify({
    level: 'error',
    latency: 250,
    user: { id: 'u-17', admin: false },
    retry: true,
    items: [{ sku: 'A1' }, { sku: 'B2' }],
    gone: null,
    code: '503',
  });

  it('string equality, inequality and * wildcards', () => {
    expect(matches('{ $.level = "error" }', event)).toBe(true);
    expect(matches('{ $.level = error }', event)).toBe(true);
    expect(matches('{ $.level = "warn" }', event)).toBe(false);
    expect(matches('{ $.level != "warn" }', event)).toBe(true);
    expect(matches('{ $.user.id = "u-*" }', event)).toBe(true);
    expect(matches('{ $.user.id = "x-*" }', event)).toBe(false);
  });

  it('numeric comparisons, also on numeric strings', () => {
    expect(matches('{ $.latency > 100 }', event)).toBe(true);
    expect(matches('{ $.latency >= 250 }', event)).toBe(true);
    expect(matches('{ $.latency < 250 }', event)).toBe(false);
    expect(matches('{ $.latency = 250 }', event)).toBe(true);
    expect(matches('{ $.code >= 500 }', event)).toBe(true);
  });

  it('array indexes, IS TRUE/FALSE/NULL and NOT EXISTS', () => {
    expect(matches('{ $.items[1].sku = "B2" }', event)).toBe(true);
    expect(matches('{ $.retry IS TRUE }', event)).toBe(true);
    expect(matches('{ $.user.admin IS FALSE }', event)).toBe(true);
    expect(matches('{ $.gone IS NULL }', event)).toBe(true);
    expect(matches('{ $.nothing NOT EXISTS }', event)).toBe(true);
    expect(matches('{ $.level NOT EXISTS }', event)).toBe(false);
  });

  it('&& binds tighter than ||, parentheses group', () => {
    expect(matches('{ $.level = "warn" || $.latency > 100 && $.retry IS TRUE }', event)).toBe(true);
    expect(matches('{ ($.level = "warn" || $.latency > 100) && $.retry IS FALSE }', event)).toBe(false);
  });

  it('a missing field or a message that is not JSON never matches', () => {
    expect(matches('{ $.missing != "x" }', event)).toBe(false);
    expect(matches('{ $.level = "error" }', 'level=error')).toBe(false);
    expect(matches('{ $.level = "error" }', '{broken')).toBe(false);
  });

  it('malformed JSON patterns are refused', () => {
    for (const bad of ['{ $.level = "error" ', '{ level = "x" }', '{ $.a > }', '{ ($.a = 1 }', '{ $.a IS MAYBE }', '{ $.a > abc }']) {
      expect(() => compileFilterPattern(bad), bad).toThrow('Invalid filter pattern');
    }
  });
});
