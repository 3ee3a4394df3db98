// Checks a JSON request against a declared input shape as Coral does, for services whose model the emulator keeps
// as a table of shapes (CloudWatch Logs, Application Auto Scaling): a value of the wrong JSON type is a
// SerializationException at once; constraint failures are collected and answered together as the service's
// validation error, "N validation error(s) detected: ...". A request body that is not an object is a
// SerializationException. Each service passes its own error factories, and how Coral names a member in a path
// (as written, or with its first letter lower-cased for services whose members start upper-case).
import * as msg from './coral-messages.js';

export type Shape =
  | { type: 'string'; min?: number; max?: number; pattern?: string; enum?: readonly string[] }
  | { type: 'integer' | 'long'; min?: number; max?: number }
  | { type: 'double'; min?: number; max?: number }
  | { type: 'boolean' }
  | { type: 'list'; member: Shape; min?: number; max?: number }
  | { type: 'map'; key: Shape; value: Shape; min?: number; max?: number }
  | { type: 'structure'; members: Readonly<Record<string, Member>> };

export type Member = Shape & { required?: boolean };

export const required = <S extends Shape>(shape: S): S & { required: true } => ({ ...shape, required: true });
export const structure = (members: Record<string, Member>): Shape => ({ type: 'structure', members });

export interface ShapeValidatorOptions {
  shapes: Readonly<Record<string, Shape>>;
  serialization: (message: string) => Error;
  /** The service's answer to constraint failures (its ValidationException or InvalidParameterException). */
  invalid: (message: string) => Error;
  /** Coral's name for a member in a path: `resourceId` for the member `ResourceId`. As written when absent. */
  pathName?: (member: string) => string;
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const length = (text: string) => [...text].length;
const patterns = new Map<string, RegExp>();

export const lowerFirst = (member: string) => member.charAt(0).toLowerCase() + member.slice(1);

/** A validate function for a JsonService: `(operation, input) => void`, throwing the service's errors. */
export function createShapeValidator(options: ShapeValidatorOptions): (operation: string, input: unknown) => void {
  const name = options.pathName ?? ((m: string) => m);
  const serialization = options.serialization;

  const scalarMismatch = (value: unknown, to: 'String' | 'Integer' | 'Boolean'): Error => {
    if (isObject(value)) return serialization(msg.START_OF_STRUCTURE);
    if (Array.isArray(value)) return serialization(msg.unrecognizedCollection({ scalar: to }));
    return serialization(msg.cannotConvert(value as string | number | boolean, to));
  };

  const check = (shape: Shape, value: unknown, path: string, failures: string[]): void => {
    switch (shape.type) {
      case 'structure': {
        if (!isObject(value)) throw serialization(msg.UNEXPECTED_FIELD_TYPE);
        for (const [member, spec] of Object.entries(shape.members)) {
          const v = value[member];
          const memberPath = msg.memberPath(path, name(member));
          if (v === undefined || v === null) {
            if (spec.required) failures.push(msg.mustNotBeNull(memberPath));
            continue;
          }
          check(spec, v, memberPath, failures);
        }
        return;
      }
      case 'string': {
        if (typeof value !== 'string') throw scalarMismatch(value, 'String');
        if (shape.min !== undefined && length(value) < shape.min) failures.push(msg.mustHaveLengthAtLeast(value, path, shape.min));
        if (shape.max !== undefined && length(value) > shape.max) failures.push(msg.mustHaveLengthAtMost(value, path, shape.max));
        if (shape.pattern !== undefined && !fullMatch(shape.pattern, value))
          failures.push(msg.mustMatchPattern(value, path, shape.pattern));
        if (shape.enum && !shape.enum.includes(value)) failures.push(msg.mustSatisfyEnum(value, path, shape.enum));
        return;
      }
      case 'integer':
      case 'long': {
        if (typeof value !== 'number' || !Number.isInteger(value)) {
          if (typeof value === 'number') return; // Coral truncates a decimal into an integer member
          throw scalarMismatch(value, 'Integer');
        }
        if (shape.min !== undefined && value < shape.min) failures.push(msg.mustBeAtLeast(value, path, shape.min));
        if (shape.max !== undefined && value > shape.max) failures.push(msg.mustBeAtMost(value, path, shape.max));
        return;
      }
      case 'double': {
        if (typeof value !== 'number') {
          if (isObject(value)) throw serialization(msg.START_OF_STRUCTURE);
          if (Array.isArray(value)) throw serialization(msg.UNEXPECTED_FIELD_TYPE);
          throw serialization(
            `${typeof value === 'string' ? 'STRING_VALUE' : value ? 'TRUE_VALUE' : 'FALSE_VALUE'} cannot be converted to Double`,
          );
        }
        if (shape.min !== undefined && value < shape.min) failures.push(msg.mustBeAtLeast(value, path, shape.min));
        if (shape.max !== undefined && value > shape.max) failures.push(msg.mustBeAtMost(value, path, shape.max));
        return;
      }
      case 'boolean':
        if (typeof value !== 'boolean') throw scalarMismatch(value, 'Boolean');
        return;
      case 'list': {
        if (!Array.isArray(value)) throw serialization(msg.UNEXPECTED_FIELD_TYPE);
        if (shape.min !== undefined && value.length < shape.min) failures.push(msg.mustHaveLengthAtLeast(value, path, shape.min));
        if (shape.max !== undefined && value.length > shape.max) failures.push(msg.mustHaveLengthAtMost(value, path, shape.max));
        value.forEach((element, i) => {
          const elementPath = msg.elementPath(path, i);
          if (element === null || element === undefined) failures.push(msg.mustNotBeNull(elementPath));
          else check(shape.member, element, elementPath, failures);
        });
        return;
      }
      case 'map': {
        if (!isObject(value)) throw serialization(msg.UNEXPECTED_FIELD_TYPE);
        const entries = Object.entries(value);
        if (shape.min !== undefined && entries.length < shape.min) failures.push(msg.mustHaveLengthAtLeast(`{}`, path, shape.min));
        if (shape.max !== undefined && entries.length > shape.max) failures.push(msg.mustHaveLengthAtMost('{...}', path, shape.max));
        for (const [key, v] of entries) {
          check(shape.key, key, `${path}.key`, failures);
          if (v === null || v === undefined) failures.push(msg.mustNotBeNull(`${path}.${key}`));
          else check(shape.value, v, `${path}.${key}`, failures);
        }
        return;
      }
    }
  };

  return (operation, input) => {
    if (!isObject(input)) throw serialization('');
    const shape = options.shapes[operation];
    if (!shape) return;
    const failures: string[] = [];
    check(shape, input, '', failures);
    if (failures.length > 0) throw options.invalid(msg.validationErrorsDetected(failures.slice(0, 10)));
  };
}

function fullMatch(pattern: string, value: string): boolean {
  let re = patterns.get(pattern);
  if (!re) {
    const body = pattern.replace(/^\^/, '').replace(/\$$/, '');
    re = new RegExp(`^(?:${body})$`, 'su');
    patterns.set(pattern, re);
  }
  return re.test(value);
}
