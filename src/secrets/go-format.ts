// How the ECS agent (Go) prints values it takes from a JSON secret: `fmt.Sprintf("%v", value)` of what
// encoding/json decoded into interface{}. Strings as they are; numbers as float64 in %g's shortest form (exponent
// form when the decimal exponent is below -4 or at least 6: 1e+06, 1.234567e+06, 1e-05); maps with sorted keys.

function goFloat(n: number): string {
  if (!Number.isFinite(n)) return n > 0 ? '+Inf' : n < 0 ? '-Inf' : 'NaN';
  if (n === 0) return Object.is(n, -0) ? '-0' : '0';
  const [mantissa, expText] = Math.abs(n).toExponential().split('e') as [string, string];
  const digits = mantissa.replace('.', '');
  const exp = Number(expText);
  // strconv.FormatFloat(f, 'g', -1, 64): with the shortest precision, the exponent form is chosen against 6.
  const eprec = 6;
  const sign = n < 0 ? '-' : '';
  if (exp < -4 || exp >= eprec) {
    const e = Math.abs(exp).toString().padStart(2, '0');
    return `${sign}${mantissa}e${exp < 0 ? '-' : '+'}${e}`;
  }
  // Plain decimal with exactly the shortest digits.
  if (exp >= 0) {
    const intPart = digits.slice(0, exp + 1).padEnd(exp + 1, '0');
    const frac = digits.slice(exp + 1);
    return `${sign}${intPart}${frac ? `.${frac}` : ''}`;
  }
  return `${sign}0.${'0'.repeat(-exp - 1)}${digits}`;
}

export function goValue(v: unknown): string {
  if (v === null || v === undefined) return '<nil>';
  if (typeof v === 'string') return v;
  if (typeof v === 'number') return goFloat(v);
  if (typeof v === 'boolean') return String(v);
  if (Array.isArray(v)) return `[${v.map(goValue).join(' ')}]`;
  const entries = Object.entries(v as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `map[${entries.map(([k, x]) => `${k}:${goValue(x)}`).join(' ')}]`;
}

/** encoding/json's complaint about text that is not JSON, as the agent passes it on. */
export function goJsonError(text: string): string {
  const trimmed = text.trimStart();
  if (trimmed === '') return 'unexpected end of JSON input';
  const first = trimmed[0]!;
  if (!'{["-0123456789tfn'.includes(first)) return `invalid character '${first === "'" ? "\\'" : first}' looking for beginning of value`;
  return 'unexpected end of JSON input';
}

/** encoding/json refusing to put a non-object into a map[string]interface{}. */
export function goUnmarshalTypeError(value: unknown): string {
  const kind = Array.isArray(value)
    ? 'array'
    : value === null
      ? 'null'
      : typeof value === 'number'
        ? 'number'
        : typeof value === 'boolean'
          ? 'bool'
          : 'string';
  return `json: cannot unmarshal ${kind} into Go value of type map[string]interface {}`;
}
