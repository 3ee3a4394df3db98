// Reading an AWS JSON request body, for every JSON service on this port (ECS, Logs, Cloud Map, ...), before any
// operation or model check sees it:
//   - nesting deeper than MAX_JSON_DEPTH is refused up front (a body nested 10,000 deep must not overflow a stack
//     anywhere downstream);
//   - a member whose value is null is dropped, as AWS treats `"cluster": null` exactly like no `cluster` at all.
//     Null elements of a list are left in place (the model check reports them as the service would).
import { serializationException } from './errors.js';

/** Deeper than any AWS input shape (the deepest ECS input is about 10 levels), far below any stack limit. */
export const MAX_JSON_DEPTH = 64;

/** The body parsed, or the service's SerializationException. Empty bodies are `{}`. */
export function readJsonInput(body: unknown): unknown {
  const text = Buffer.isBuffer(body) ? body.toString('utf8') : typeof body === 'string' ? body : '';
  if (text.trim() === '') return {};
  if (nestingDepth(text) > MAX_JSON_DEPTH) throw serializationException(`The request is nested more than ${MAX_JSON_DEPTH} levels deep.`);
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    // Real Coral services answer unparsable JSON with a bare {"__type":"SerializationException"} (kinesalite).
    throw serializationException('');
  }
  return withoutNullMembers(parsed);
}

/** The deepest nesting of objects and arrays in JSON text, ignoring brackets inside strings. One pass, no recursion. */
export function nestingDepth(text: string): number {
  let depth = 0;
  let deepest = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c /* \ */) i++;
      else if (c === 0x22 /* " */) inString = false;
    } else if (c === 0x22) inString = true;
    else if (c === 0x7b /* { */ || c === 0x5b /* [ */) {
      depth++;
      if (depth > deepest) deepest = depth;
    } else if (c === 0x7d /* } */ || c === 0x5d /* ] */) depth--;
  }
  return deepest;
}

/** A copy of `value` with every object member whose value is null removed, at any depth (depth already bounded). */
export function withoutNullMembers(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutNullMembers);
  if (typeof value !== 'object' || value === null) return value;
  const out: Record<string, unknown> = {};
  for (const [key, v] of Object.entries(value)) {
    // No model has a member of that name, and assigning it would replace the copy's prototype.
    if (v !== null && key !== '__proto__') out[key] = withoutNullMembers(v);
  }
  return out;
}
