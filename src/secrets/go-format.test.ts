import { describe, expect, it } from 'vitest';
import { goJsonError, goUnmarshalTypeError, goValue } from './go-format.js';

describe('values as the agent prints them (Go %v of decoded JSON)', () => {
  it.each([
    ['text', 'text'],
    [5432, '5432'],
    [1.5, '1.5'],
    [123456, '123456'],
    [1000000, '1e+06'],
    [1234567, '1.234567e+06'],
    [0.0001, '0.0001'],
    [0.00001, '1e-05'],
    [-42, '-42'],
    [true, 'true'],
    [null, '<nil>'],
    [[1, 'a'], '[1 a]'],
    [{ b: 1, a: { c: 'x' } }, 'map[a:map[c:x] b:1]'],
  ])('%j -> %s', (value, text) => {
    expect(goValue(value)).toBe(text);
  });

  it('encoding/json’s complaints', () => {
    expect(goJsonError("'a'")).toBe("invalid character '\\'' looking for beginning of value");
    expect(goJsonError('hello')).toBe("invalid character 'h' looking for beginning of value");
    expect(goJsonError('')).toBe('unexpected end of JSON input');
    expect(goUnmarshalTypeError([1])).toBe('json: cannot unmarshal array into Go value of type map[string]interface {}');
    expect(goUnmarshalTypeError('s')).toBe('json: cannot unmarshal string into Go value of type map[string]interface {}');
  });
});
