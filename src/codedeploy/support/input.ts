// Reading a CodeDeploy request body: JSON of the wrong type is Coral's SerializationException; the members
// CodeDeploy checks itself get its own exceptions (ApplicationNameRequiredException, InvalidApplicationNameException,
// …), other constraint failures are ValidationException with Coral's wording.
import { CodeDeployError } from '../../domain/codedeploy/errors.js';
import * as msg from '../../protocol/coral-messages.js';
import { serializationException } from '../../protocol/errors.js';

export type Body = Record<string, unknown>;

const isObject = (v: unknown): v is Body => typeof v === 'object' && v !== null && !Array.isArray(v);
const validation = (failure: string) => new CodeDeployError('ValidationException', msg.validationErrorsDetected([failure]));

function token(v: unknown): string {
  if (typeof v === 'string') return 'STRING_VALUE';
  if (typeof v === 'boolean') return v ? 'TRUE_VALUE' : 'FALSE_VALUE';
  return Number.isInteger(v) ? 'NUMBER_VALUE' : 'DECIMAL_VALUE';
}

export function body(input: unknown): Body {
  if (!isObject(input)) throw serializationException('');
  return input;
}

export function optString(b: Body, member: string): string | undefined {
  const v = b[member];
  if (v === undefined || v === null) return undefined;
  if (typeof v !== 'string')
    throw serializationException(isObject(v) || Array.isArray(v) ? msg.UNEXPECTED_FIELD_TYPE : `${token(v)} cannot be converted to String`);
  return v;
}

/** A name member (1..max characters): `required` when absent or empty, `invalid` when too long. */
export function name(b: Body, member: string, required: () => CodeDeployError, invalid: (v: string) => CodeDeployError, max = 100): string {
  const v = optString(b, member);
  if (v === undefined || v === '') throw required();
  if ([...v].length > max) throw invalid(v);
  return v;
}

export function optName(b: Body, member: string, invalid: (v: string) => CodeDeployError, max = 100): string | undefined {
  const v = optString(b, member);
  if (v === undefined) return undefined;
  if (v === '' || [...v].length > max) throw invalid(v);
  return v;
}

export function optInt(b: Body, member: string): number | undefined {
  const v = b[member];
  if (v === undefined || v === null) return undefined;
  if (typeof v !== 'number')
    throw serializationException(
      isObject(v) || Array.isArray(v) ? msg.UNEXPECTED_FIELD_TYPE : `${token(v)} cannot be converted to Integer`,
    );
  return Math.trunc(v);
}

export function optBool(b: Body, member: string): boolean | undefined {
  const v = b[member];
  if (v === undefined || v === null) return undefined;
  if (typeof v !== 'boolean')
    throw serializationException(
      isObject(v) || Array.isArray(v) ? msg.UNEXPECTED_FIELD_TYPE : `${token(v)} cannot be converted to Boolean`,
    );
  return v;
}

export function optObject(b: Body, member: string): Body | undefined {
  const v = b[member];
  if (v === undefined || v === null) return undefined;
  if (!isObject(v))
    throw serializationException(Array.isArray(v) ? msg.unrecognizedCollection({ structure: member }) : msg.UNEXPECTED_FIELD_TYPE);
  return v;
}

export function optList(b: Body, member: string): unknown[] | undefined {
  const v = b[member];
  if (v === undefined || v === null) return undefined;
  if (!Array.isArray(v)) throw serializationException(isObject(v) ? msg.START_OF_STRUCTURE : msg.UNEXPECTED_FIELD_TYPE);
  return v;
}

export function optStringList(b: Body, member: string): string[] | undefined {
  const list = optList(b, member);
  if (list?.some((v) => typeof v !== 'string')) throw serializationException(msg.UNEXPECTED_FIELD_TYPE);
  return list as string[] | undefined;
}

export function optObjectList(b: Body, member: string): Body[] | undefined {
  const list = optList(b, member);
  if (list?.some((v) => !isObject(v))) throw serializationException(msg.UNEXPECTED_FIELD_TYPE);
  return list as Body[] | undefined;
}

export function optEnum<T extends string>(b: Body, member: string, allowed: readonly T[], path = member): T | undefined {
  const v = optString(b, member);
  if (v === undefined) return undefined;
  if (!(allowed as readonly string[]).includes(v)) throw validation(msg.mustSatisfyEnum(v, path, allowed));
  return v as T;
}

export function reqString(b: Body, member: string, path = member): string {
  const v = optString(b, member);
  if (v === undefined) throw validation(msg.mustNotBeNull(path));
  return v;
}
