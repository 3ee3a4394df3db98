import { createRequire } from 'node:module';
import { NormalizedSchema } from '@smithy/core/schema';
import * as Ecs from '@aws-sdk/client-ecs';
import { describe, expect, it } from 'vitest';
import { EcsError } from '../../domain/errors.js';
import { validateInput } from '../validation.js';
import { ecsOperationNames, operationInputSchema, requiredMemberNames, sdkEnumValues } from './ecs-schema.js';
import { enumMemberEntries } from './enum-members.js';
import generated from './ecs-enum-members.json' with { type: 'json' };
import { MEMBER_RANGES } from './ranges.js';
import { MISSING_MEMBER_ERRORS, NOT_IN_ENUM_ERRORS } from './member-errors.js';

/** Every structure reachable from the operations' inputs and outputs, by shape name. */
function allStructures(): Map<string, NormalizedSchema> {
  const found = new Map<string, NormalizedSchema>();
  const walk = (ns: NormalizedSchema): void => {
    if (ns.isStructSchema() || ns.isUnionSchema()) {
      const name = ns.getName()!;
      if (found.has(name)) return;
      found.set(name, ns);
      for (const [, member] of ns.structIterator()) walk(member);
    } else if (ns.isListSchema() || ns.isMapSchema()) {
      walk(ns.getValueSchema());
    }
  };
  const sdk = Ecs as unknown as Record<string, unknown[]>;
  for (const op of ecsOperationNames()) {
    const schema = sdk[`${op}$`]!;
    walk(NormalizedSchema.of(schema[4] as never));
    walk(NormalizedSchema.of(schema[5] as never));
  }
  return found;
}

const structures = allStructures();
const memberNames = (shape: string) => [...structures.get(shape)!.structIterator()].map(([name]) => name);

describe('the ECS model from @aws-sdk/client-ecs', () => {
  it('lists every ECS operation', () => {
    const ops = ecsOperationNames();
    expect(ops.length).toBeGreaterThanOrEqual(80);
    expect(ops).toEqual(expect.arrayContaining(['CreateCluster', 'RunTask', 'RegisterTaskDefinition', 'DescribeTasks', 'UpdateService']));
  });

  it.each(ecsOperationNames())('loads and compiles the input schema of %s', (op) => {
    const schema = operationInputSchema(op);
    expect(schema?.isStructSchema()).toBe(true);
    expect(schema?.getName()).toBe(`${op}Request`);
    // An empty body either fits or fails with an ECS error, never anything else.
    try {
      validateInput(op, {});
    } catch (err) {
      expect(err).toBeInstanceOf(EcsError);
      expect(['ClientException', 'InvalidParameterException']).toContain((err as EcsError).code);
    }
  });

  it('has no operation named after an object prototype member', () => {
    expect(operationInputSchema('constructor')).toBeUndefined();
    expect(operationInputSchema('RunTaskRequest')).toBeUndefined();
  });

  it('knows the required members from the schema', () => {
    expect(requiredMemberNames(operationInputSchema('RunTask')!)).toEqual(['taskDefinition']);
    expect(requiredMemberNames(operationInputSchema('ListClusters')!)).toEqual([]);
  });

  it('reads enum values from the SDK', () => {
    expect(sdkEnumValues('LaunchType')).toEqual(expect.arrayContaining(['EC2', 'FARGATE', 'EXTERNAL']));
    expect(sdkEnumValues('ECSClient')).toBeUndefined();
    expect(sdkEnumValues('RunTask$')).toBeUndefined();
  });
});

describe('the generated enum map (npm run generate:ecs-model)', () => {
  it('was generated from the installed SDK version (else run: npm run generate:ecs-model)', () => {
    const installed = createRequire(import.meta.url)('@aws-sdk/client-ecs/package.json') as { version: string };
    expect(generated.sdkVersion).toBe(installed.version);
  });

  it('names real members and real enums', () => {
    const entries = enumMemberEntries();
    expect(entries.length).toBeGreaterThan(150);
    for (const [key, enumName] of entries) {
      expect(sdkEnumValues(enumName), `${key} -> ${enumName}`).toBeDefined();
      const [shape, member] = key.split('.') as [string, string];
      expect(structures.has(shape), `${key}: no such structure in the SDK schemas`).toBe(true);
      expect(memberNames(shape), key).toContain(member);
    }
  });

  it('covers the enum members of the main inputs', () => {
    const map = Object.fromEntries(enumMemberEntries());
    expect(map).toMatchObject({
      'RunTaskRequest.launchType': 'LaunchType',
      'RegisterTaskDefinitionRequest.networkMode': 'NetworkMode',
      'RegisterTaskDefinitionRequest.requiresCompatibilities': 'Compatibility',
      'AwsVpcConfiguration.assignPublicIp': 'AssignPublicIp',
      'ListTasksRequest.desiredStatus': 'DesiredStatus',
    });
  });
});

describe('hand-kept model data', () => {
  it('has ranges only on numeric members of real shapes', () => {
    for (const key of Object.keys(MEMBER_RANGES)) {
      const [shape, member] = key.split('.') as [string, string];
      expect(structures.get(shape)?.getMemberSchema(member).isNumericSchema(), key).toBe(true);
    }
  });

  it('has ECS missing-member errors only for required members', () => {
    for (const key of Object.keys(MISSING_MEMBER_ERRORS)) {
      const [shape, member] = key.split('.') as [string, string];
      expect(requiredMemberNames(structures.get(shape)!), key).toContain(member);
    }
  });

  it('has ECS not-in-enum errors only for enum members', () => {
    for (const key of Object.keys(NOT_IN_ENUM_ERRORS)) {
      expect(Object.fromEntries(enumMemberEntries())[key], key).toBeDefined();
    }
  });
});
