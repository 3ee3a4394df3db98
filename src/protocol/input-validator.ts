// Compiles an ECS input shape (a NormalizedSchema from the SDK) into a check function, once per shape.
// A check walks one JSON value: a value of the wrong JSON type stops everything with SerializationException
// (Coral deserializes before it validates); a missing required member, a value outside its enum or a number
// outside its range is collected, so one request reports every constraint failure at once.
// Members the model does not know are ignored, as AWS ignores them.
import type { NormalizedSchema } from '@smithy/core/schema';
import type { EcsError } from '../domain/errors.js';
import * as msg from './coral-messages.js';
import { serializationException } from './errors.js';
import { enumNameOf, enumValuesOf } from './model/enum-members.js';
import { requiredMemberNames } from './model/ecs-schema.js';
import { MEMBER_RANGES, type NumericRange } from './model/ranges.js';
import { MISSING_MEMBER_ERRORS, NOT_IN_ENUM_ERRORS, REQUIRED_CHECKED_BY_OPERATION, SERVICE_CHECKED_ENUMS } from './model/member-errors.js';

export interface Findings {
  /** Coral constraint failures ("Value null at 'x' failed to satisfy constraint: ..."). */
  failures: string[];
  /** ECS's own answers for some bad members (model/member-errors.ts); the first one wins over `failures`. */
  serviceErrors: EcsError[];
  /** Enums ECS checks itself, in the operation: the first one answers only when the model found nothing. */
  operationErrors?: EcsError[];
}

export type Check = (value: unknown, path: string, findings: Findings) => void;

/** What a member's enum/range constraints apply to: the value itself, or each element of a list or map. */
interface MemberConstraints {
  enumValues?: readonly string[];
  /** ECS's own error for a value outside the enum, instead of the validation error. */
  notInEnum?: (value: string) => EcsError;
  /** The enum is ECS's own check, made after the model's: its error waits until the model found nothing. */
  checkedByOperation?: boolean;
  range?: NumericRange;
}

interface CompiledMember {
  name: string;
  required: boolean;
  check: Check;
  missing?: () => EcsError;
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

export class InputValidatorCompiler {
  /** One check per structure shape, shared by every operation that uses it (and safe for recursive shapes). */
  private readonly structures = new Map<string, Check>();

  compileStructure(schema: NormalizedSchema): Check {
    const shape = schema.getName() ?? '';
    const cached = this.structures.get(shape);
    if (cached) return cached;
    const members: CompiledMember[] = [];
    const check: Check = (value, path, findings) => {
      if (!isObject(value)) {
        if (Array.isArray(value)) throw serializationException(msg.unrecognizedCollection({ structure: shape }));
        throw serializationException(path ? msg.UNEXPECTED_FIELD_TYPE : '');
      }
      for (const member of members) {
        const v = value[member.name];
        const memberPath = msg.memberPath(path, member.name);
        if (v === undefined || v === null) {
          if (!member.required) continue;
          if (member.missing) findings.serviceErrors.push(member.missing());
          else findings.failures.push(msg.mustNotBeNull(memberPath));
          continue;
        }
        member.check(v, memberPath, findings);
      }
    };
    this.structures.set(shape, check);
    const required = new Set(requiredMemberNames(schema));
    for (const [name, memberSchema] of schema.structIterator()) {
      const key = `${shape}.${name}`;
      const enumValues = enumValuesOf(shape, name);
      const serviceChecked = SERVICE_CHECKED_ENUMS[enumNameOf(shape, name) ?? ''];
      const constraints: MemberConstraints = {
        enumValues,
        notInEnum: NOT_IN_ENUM_ERRORS[key] ?? (serviceChecked && enumValues ? (v) => serviceChecked(v, enumValues) : undefined),
        checkedByOperation: !NOT_IN_ENUM_ERRORS[key] && serviceChecked !== undefined,
        range: MEMBER_RANGES[key],
      };
      members.push({
        name,
        required: required.has(name) && !REQUIRED_CHECKED_BY_OPERATION.has(key),
        check: this.compile(memberSchema, constraints),
        missing: MISSING_MEMBER_ERRORS[key],
      });
    }
    return check;
  }

  private compile(schema: NormalizedSchema, constraints: MemberConstraints): Check {
    if (schema.isStructSchema() || schema.isUnionSchema()) return this.compileStructure(schema);
    if (schema.isListSchema()) return this.compileList(schema, constraints);
    if (schema.isMapSchema()) return this.compileMap(schema, constraints);
    if (schema.isDocumentSchema()) return () => {};
    return compileScalar(schema, constraints);
  }

  private compileList(schema: NormalizedSchema, constraints: MemberConstraints): Check {
    const element = this.compile(schema.getValueSchema(), {});
    const allowed = constraints.enumValues;
    return (value, path, findings) => {
      if (!Array.isArray(value)) {
        throw serializationException(isObject(value) ? msg.START_OF_STRUCTURE : msg.UNEXPECTED_FIELD_TYPE);
      }
      for (let i = 0; i < value.length; i++) {
        const v = value[i];
        if (v !== null && v !== undefined) element(v, msg.elementPath(path, i), findings);
      }
      if (allowed && value.some((v) => typeof v === 'string' && !allowed.includes(v))) {
        findings.failures.push(msg.mustSatisfyEnumElements(value, path, allowed));
      }
    };
  }

  private compileMap(schema: NormalizedSchema, constraints: MemberConstraints): Check {
    const valueSchema = schema.getValueSchema();
    const valueCheck = this.compile(valueSchema, constraints);
    const valueClass = valueSchema.isStructSchema() ? msg.javaClassOfShape(valueSchema.getName() ?? '') : msg.javaClassOfScalar('String');
    return (value, path, findings) => {
      if (!isObject(value)) {
        throw serializationException(Array.isArray(value) ? msg.unrecognizedCollection({ mapOf: valueClass }) : msg.UNEXPECTED_FIELD_TYPE);
      }
      for (const key of Object.keys(value)) {
        const v = value[key];
        if (v !== null && v !== undefined) valueCheck(v, msg.memberPath(path, key), findings);
      }
    };
  }
}

function compileScalar(schema: NormalizedSchema, { enumValues, notInEnum, checkedByOperation, range }: MemberConstraints): Check {
  const expected: msg.JavaScalar = schema.isStringSchema()
    ? 'String'
    : schema.isNumericSchema() || schema.isBigIntegerSchema() || schema.isBigDecimalSchema()
      ? 'Integer'
      : schema.isBooleanSchema()
        ? 'Boolean'
        : schema.isTimestampSchema()
          ? 'Date'
          : 'ByteBuffer';
  const jsonType = { String: 'string', Integer: 'number', Boolean: 'boolean', Date: 'number', ByteBuffer: 'string' }[expected];
  return (value, path, findings) => {
    const type = typeof value;
    const accepted = type === jsonType || (expected === 'Date' && type === 'string');
    if (!accepted) throw serializationException(wrongScalar(value, expected));
    if (enumValues && !enumValues.includes(value as string)) {
      if (notInEnum && checkedByOperation) (findings.operationErrors ??= []).push(notInEnum(value as string));
      else if (notInEnum) findings.serviceErrors.push(notInEnum(value as string));
      else findings.failures.push(msg.mustSatisfyEnum(value, path, enumValues));
    }
    if (range && typeof value === 'number') {
      if (range.min !== undefined && value < range.min) findings.failures.push(msg.mustBeAtLeast(value, path, range.min));
      else if (range.max !== undefined && value > range.max) findings.failures.push(msg.mustBeAtMost(value, path, range.max));
    }
  };
}

function wrongScalar(value: unknown, expected: msg.JavaScalar): string {
  if (Array.isArray(value)) return msg.unrecognizedCollection({ scalar: expected });
  if (typeof value === 'object' && value !== null) return msg.START_OF_STRUCTURE;
  if (expected === 'ByteBuffer') return msg.NOT_BASE64;
  return msg.cannotConvert(value as string | number | boolean, expected);
}
