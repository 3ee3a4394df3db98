// Checks a Logs request against its input shape (shapes.ts) as Coral does: a value of the wrong JSON type is a
// SerializationException at once; constraint failures are collected and answered together as
// InvalidParameterException "N validation error(s) detected: ...". A request body that is not an object is a
// SerializationException.
import { LogsError } from '../../domain/logs/errors.js';
import * as msg from '../../protocol/coral-messages.js';
import { INPUT_SHAPES, type Shape } from './shapes.js';

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const serialization = (message: string) => new LogsError('SerializationException', message);
const patterns = new Map<string, RegExp>();
const length = (text: string) => [...text].length;

export function validateLogsInput(operation: string, input: unknown): void {
  if (!isObject(input)) throw serialization('');
  const shape = INPUT_SHAPES[operation];
  if (!shape) return;
  const failures: string[] = [];
  check(shape, input, '', failures);
  if (failures.length > 0) throw new LogsError('InvalidParameterException', msg.validationErrorsDetected(failures.slice(0, 10)));
}

function check(shape: Shape, value: unknown, path: string, failures: string[]): void {
  switch (shape.type) {
    case 'structure': {
      if (!isObject(value)) throw serialization(msg.UNEXPECTED_FIELD_TYPE);
      for (const [name, member] of Object.entries(shape.members)) {
        const v = value[name];
        const memberPath = msg.memberPath(path, name);
        if (v === undefined || v === null) {
          if (member.required) failures.push(msg.mustNotBeNull(memberPath));
          continue;
        }
        check(member, v, memberPath, failures);
      }
      return;
    }
    case 'string': {
      if (typeof value !== 'string') throw scalarMismatch(value, 'String');
      if (shape.min !== undefined && length(value) < shape.min) failures.push(msg.mustHaveLengthAtLeast(value, path, shape.min));
      if (shape.max !== undefined && length(value) > shape.max) failures.push(msg.mustHaveLengthAtMost(value, path, shape.max));
      if (shape.pattern !== undefined && !fullMatch(shape.pattern, value)) failures.push(msg.mustMatchPattern(value, path, shape.pattern));
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
}

function scalarMismatch(value: unknown, to: 'String' | 'Integer' | 'Boolean'): LogsError {
  if (isObject(value)) return serialization(msg.START_OF_STRUCTURE);
  if (Array.isArray(value)) return serialization(msg.unrecognizedCollection({ scalar: to }));
  return serialization(msg.cannotConvert(value as string | number | boolean, to));
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
