import { describe, expect, it } from 'vitest';
import { EcsError } from '../domain/errors.js';
import { MAX_JSON_DEPTH, nestingDepth, readJsonInput } from './json-input.js';

const read = (text: string) => readJsonInput(Buffer.from(text));

describe('readJsonInput', () => {
  it('drops null members at every depth, and keeps null list elements', () => {
    expect(read('{"cluster":null,"reason":null,"task":"t","overrides":{"cpu":null,"containerOverrides":[{"name":null},null]}}')).toEqual({
      task: 't',
      overrides: { containerOverrides: [{}, null] },
    });
  });

  it('reads an empty body as {} and keeps scalars and top-level null as they are', () => {
    expect(read('  ')).toEqual({});
    expect(read('null')).toBeNull();
    expect(read('"x"')).toBe('x');
  });

  it('never copies a __proto__ member into the input prototype', () => {
    const input = read('{"__proto__":{"polluted":true},"a":1}') as Record<string, unknown>;
    expect(input).toEqual({ a: 1 });
    expect(Object.getPrototypeOf(input)).toBe(Object.prototype);
    expect((input as { polluted?: unknown }).polluted).toBeUndefined();
  });

  it('refuses a body nested deeper than the limit with SerializationException, without recursing', () => {
    const deep = `${'['.repeat(10_000)}${']'.repeat(10_000)}`;
    const err = (() => {
      try {
        read(deep);
      } catch (e) {
        return e;
      }
    })();
    expect(err).toBeInstanceOf(EcsError);
    expect((err as EcsError).code).toBe('SerializationException');
    const ok = `${'{"a":'.repeat(MAX_JSON_DEPTH - 1)}{}${'}'.repeat(MAX_JSON_DEPTH - 1)}`;
    expect(() => read(ok)).not.toThrow();
  });

  it('answers unparsable JSON with a bare SerializationException', () => {
    expect(() => read('{"a":')).toThrow(expect.objectContaining({ code: 'SerializationException' }));
  });
});

describe('nestingDepth', () => {
  it('ignores brackets inside strings, escaped quotes included', () => {
    expect(nestingDepth('{"a":"[[[{{{\\"[[["}')).toBe(1);
    expect(nestingDepth('[[1],[[2]]]')).toBe(3);
  });
});
