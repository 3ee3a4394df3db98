// The ECS API model as the official SDK ships it: @aws-sdk/client-ecs exports, at run time, a schema for every
// operation (`RunTask$` = [9, ns, 'RunTask', traits, () => input, () => output]) and every shape, read here
// through @smithy/core's NormalizedSchema. Required members are not exposed by NormalizedSchema: a structure's
// static schema is [3, ns, name, traits, memberNames, memberSchemas, requiredCount?] and its first
// `requiredCount` members are the required ones (@smithy/types StaticStructureSchema).
import * as Ecs from '@aws-sdk/client-ecs';
import { NormalizedSchema } from '@smithy/core/schema';

type SchemaRef = Parameters<typeof NormalizedSchema.of>[0];
const OPERATION_SCHEMA_ID = 9;
const sdkExports = Ecs as unknown as Readonly<Record<string, unknown>>;

function operationSchema(operation: string): readonly unknown[] | undefined {
  const key = `${operation}$`;
  if (!Object.hasOwn(sdkExports, key)) return undefined;
  const schema = sdkExports[key];
  return Array.isArray(schema) && schema[0] === OPERATION_SCHEMA_ID && schema[2] === operation ? schema : undefined;
}

/** Every operation of the ECS API, by its X-Amz-Target name. */
export function ecsOperationNames(): string[] {
  return Object.keys(sdkExports)
    .filter((key) => key.endsWith('$') && operationSchema(key.slice(0, -1)))
    .map((key) => key.slice(0, -1))
    .sort();
}

/** The input structure of an ECS operation, or undefined when ECS has no such operation. */
export function operationInputSchema(operation: string): NormalizedSchema | undefined {
  const schema = operationSchema(operation);
  return schema ? NormalizedSchema.of(schema[4] as SchemaRef) : undefined;
}

/** The names of a structure's required members, in model order. */
export function requiredMemberNames(structure: NormalizedSchema): string[] {
  const raw = structure.getSchema() as unknown as readonly unknown[];
  const names = raw[4] as readonly string[];
  const count = typeof raw[6] === 'number' ? raw[6] : 0;
  return names.slice(0, count);
}

/** An enum's values as the SDK exports them (`LaunchType` -> ['EC2', 'EXTERNAL', ...]), or undefined. */
export function sdkEnumValues(enumName: string): readonly string[] | undefined {
  if (!Object.hasOwn(sdkExports, enumName)) return undefined;
  const value = sdkExports[enumName];
  if (!value || typeof value !== 'object' || Array.isArray(value)) return undefined;
  const values = Object.values(value);
  return values.length > 0 && values.every((v) => typeof v === 'string') ? values : undefined;
}
