// Reading a Cloud Map request body: JSON of the wrong type is Coral's SerializationException, a missing required
// member or a value out of range is InvalidInput with Coral's validation wording ("1 validation error detected:
// Value null at 'name' failed to satisfy constraint: Member must not be null").
import { invalidInput } from '../../domain/cloudmap/errors.js';
import { mustBeAtLeast, mustBeAtMost, mustNotBeNull, mustSatisfyEnum, validationErrorsDetected } from '../../protocol/coral-messages.js';
import { serializationException } from '../../protocol/errors.js';

export type Body = Record<string, unknown>;

/** Coral names members in lower camel case in its messages. */
const pathOf = (member: string) => member.charAt(0).toLowerCase() + member.slice(1);
const fail = (failure: string) => invalidInput(validationErrorsDetected([failure]));
const isObject = (v: unknown): v is Body => typeof v === 'object' && v !== null && !Array.isArray(v);

export function body(input: unknown): Body {
  if (!isObject(input)) throw serializationException('');
  return input;
}

export function optString(b: Body, member: string, max = 1024): string | undefined {
  const v = b[member];
  if (v === undefined || v === null) return undefined;
  if (typeof v !== 'string')
    throw serializationException(typeof v === 'object' ? 'Unexpected field type' : `${token(v)} cannot be converted to String`);
  if (v.length > max)
    throw fail(`Value '${v}' at '${pathOf(member)}' failed to satisfy constraint: Member must have length less than or equal to ${max}`);
  return v;
}

export function reqString(b: Body, member: string, max = 1024): string {
  const v = optString(b, member, max);
  if (v === undefined) throw fail(mustNotBeNull(pathOf(member)));
  return v;
}

export function optInt(b: Body, member: string, min: number, max: number): number | undefined {
  const v = b[member];
  if (v === undefined || v === null) return undefined;
  if (typeof v !== 'number' || !Number.isInteger(v)) {
    throw serializationException(typeof v === 'object' ? 'Unexpected field type' : `${token(v as string)} cannot be converted to Integer`);
  }
  if (v < min) throw fail(mustBeAtLeast(v, pathOf(member), min));
  if (v > max) throw fail(mustBeAtMost(v, pathOf(member), max));
  return v;
}

export function optEnum<T extends string>(b: Body, member: string, allowed: readonly T[]): T | undefined {
  const v = optString(b, member);
  if (v === undefined) return undefined;
  if (!(allowed as readonly string[]).includes(v)) throw fail(mustSatisfyEnum(v, pathOf(member), allowed));
  return v as T;
}

export function reqEnum<T extends string>(b: Body, member: string, allowed: readonly T[]): T {
  const v = optEnum(b, member, allowed);
  if (v === undefined) throw fail(mustNotBeNull(pathOf(member)));
  return v;
}

export function optObject(b: Body, member: string): Body | undefined {
  const v = b[member];
  if (v === undefined || v === null) return undefined;
  if (!isObject(v)) throw serializationException('Unexpected field type');
  return v;
}

export function reqObject(b: Body, member: string): Body {
  const v = optObject(b, member);
  if (!v) throw fail(mustNotBeNull(pathOf(member)));
  return v;
}

export function optList(b: Body, member: string): unknown[] | undefined {
  const v = b[member];
  if (v === undefined || v === null) return undefined;
  if (!Array.isArray(v)) throw serializationException('Unexpected field type');
  return v;
}

export function optStringList(b: Body, member: string): string[] | undefined {
  const list = optList(b, member);
  if (list?.some((v) => typeof v !== 'string')) throw serializationException('Unexpected field type');
  return list as string[] | undefined;
}

/** A map of strings to strings (Attributes, QueryParameters). */
export function optStringMap(b: Body, member: string): Record<string, string> | undefined {
  const v = optObject(b, member);
  if (!v) return undefined;
  for (const value of Object.values(v)) if (typeof value !== 'string') throw serializationException('Unexpected field type');
  return { ...(v as Record<string, string>) };
}

/** Tags: a list of {Key, Value}. */
export function optTags(b: Body, member = 'Tags'): { Key: string; Value: string }[] | undefined {
  const list = optList(b, member);
  return list?.map((t) => {
    const tag = body(t);
    return { Key: reqString(tag, 'Key', 128), Value: reqString(tag, 'Value', 256) };
  });
}

function token(v: unknown): string {
  if (typeof v === 'string') return 'STRING_VALUE';
  if (typeof v === 'boolean') return v ? 'TRUE_VALUE' : 'FALSE_VALUE';
  return Number.isInteger(v) ? 'NUMBER_VALUE' : 'DECIMAL_VALUE';
}

export function reqInt(b: Body, member: string, min: number, max: number): number {
  const v = optInt(b, member, min, max);
  if (v === undefined) throw fail(mustNotBeNull(pathOf(member)));
  return v;
}
