// The wording of AWS JSON (Coral) deserialization and validation errors.
//
// Type errors are SerializationException. The wording is the one real DynamoDB uses, recorded by mhart/dynalite's
// test helpers (assertType): "STRING_VALUE cannot be converted to Integer", "Unexpected field type", ... Real ECS
// uses the same deserializer wording: aws/aws-cdk-cli#973 quotes ECS answering UpdateService with
// "SerializationException: STRING_VALUE cannot be converted to Integer".
// Constraint errors use Coral's validation wording: "1 validation error detected: Value 'x' at 'a.1.member.b'
// failed to satisfy constraint: Member must ...", paths 1-based with ".member" for list elements.

/** The Java class a JSON value must convert to; ECS shapes map onto these in the Coral service. */
export type JavaScalar = 'String' | 'Integer' | 'Boolean' | 'Date' | 'ByteBuffer';

const JAVA_CLASS: Record<JavaScalar, string> = {
  String: 'java.lang.String',
  Integer: 'java.lang.Integer',
  Boolean: 'java.lang.Boolean',
  Date: 'java.util.Date',
  ByteBuffer: 'java.nio.ByteBuffer',
};

/** Java package of the ECS model classes (by analogy with DynamoDB's com.amazonaws.dynamodb.v20120810). */
const ECS_MODEL_PACKAGE = 'com.amazonaws.ecs.v20141113';

export const START_OF_STRUCTURE = 'Start of structure or map found where not expected';
export const UNEXPECTED_FIELD_TYPE = 'Unexpected field type';
export const NOT_BASE64 = 'only base-64-encoded strings are convertible to bytes';

function token(value: string | number | boolean): string {
  if (typeof value === 'string') return 'STRING_VALUE';
  if (typeof value === 'boolean') return value ? 'TRUE_VALUE' : 'FALSE_VALUE';
  return Number.isInteger(value) ? 'NUMBER_VALUE' : 'DECIMAL_VALUE';
}

/** A scalar of the wrong JSON type, e.g. "STRING_VALUE cannot be converted to Integer". */
export function cannotConvert(value: string | number | boolean, to: JavaScalar): string {
  // Recorded: a string where a Boolean is expected fails in the parser itself.
  if (to === 'Boolean' && typeof value === 'string') return 'Unexpected token received from parser';
  return `${token(value)} cannot be converted to ${to}`;
}

/** A JSON array where a scalar, structure or map is expected. */
export function unrecognizedCollection(expected: { scalar: JavaScalar } | { structure: string } | { mapOf: string }): string {
  if ('scalar' in expected) return `Unrecognized collection type class ${JAVA_CLASS[expected.scalar]}`;
  if ('structure' in expected) return `Unrecognized collection type class ${javaClassOfShape(expected.structure)}`;
  return `Unrecognized collection type java.util.Map<java.lang.String, ${expected.mapOf}>`;
}

export function javaClassOfScalar(scalar: JavaScalar): string {
  return JAVA_CLASS[scalar];
}

export function javaClassOfShape(shape: string): string {
  return `${ECS_MODEL_PACKAGE}.${shape}`;
}

/** Coral's path of a member: "containerDefinitions.1.member.name" (list positions are 1-based). */
export function memberPath(parent: string, member: string): string {
  return parent ? `${parent}.${member}` : member;
}

export function elementPath(list: string, index: number): string {
  return `${list}.${index + 1}.member`;
}

/** How Coral prints a value in a validation message: Java's toString of the deserialized value. */
function javaString(value: unknown): string {
  if (value === null || value === undefined) return 'null';
  if (Array.isArray(value)) return `[${value.map(javaString).join(', ')}]`;
  return String(value);
}

function constraintFailure(value: unknown, path: string, constraint: string): string {
  const shown = value === null || value === undefined ? 'null' : `'${javaString(value)}'`;
  return `Value ${shown} at '${path}' failed to satisfy constraint: ${constraint}`;
}

export const mustNotBeNull = (path: string) => constraintFailure(null, path, 'Member must not be null');

export const mustSatisfyEnum = (value: unknown, path: string, allowed: readonly string[]) =>
  constraintFailure(value, path, `Member must satisfy enum value set: [${allowed.join(', ')}]`);

/** A list of enum values: Coral wraps the element constraint (as AWS Config's recorded messages show). */
export const mustSatisfyEnumElements = (value: unknown[], path: string, allowed: readonly string[]) =>
  constraintFailure(value, path, `Member must satisfy constraint: [Member must satisfy enum value set: [${allowed.join(', ')}]]`);

export const mustBeAtMost = (value: number, path: string, max: number) =>
  constraintFailure(value, path, `Member must have value less than or equal to ${max}`);

export const mustBeAtLeast = (value: number, path: string, min: number) =>
  constraintFailure(value, path, `Member must have value greater than or equal to ${min}`);

/** "1 validation error detected: A" / "2 validation errors detected: A; B". */
export function validationErrorsDetected(failures: readonly string[]): string {
  const n = failures.length;
  return `${n} validation error${n === 1 ? '' : 's'} detected: ${failures.join('; ')}`;
}

export const mustHaveLengthAtLeast = (value: unknown, path: string, min: number) =>
  constraintFailure(value, path, `Member must have length greater than or equal to ${min}`);

export const mustHaveLengthAtMost = (value: unknown, path: string, max: number) =>
  constraintFailure(value, path, `Member must have length less than or equal to ${max}`);

export const mustMatchPattern = (value: unknown, path: string, pattern: string) =>
  constraintFailure(value, path, `Member must satisfy regular expression pattern: ${pattern}`);
