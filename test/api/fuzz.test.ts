// Bad input never reaches an operation as a crash: for every operation of the installed ECS model, requests with
// wrong member types, nulls, huge strings and deep nesting, each alone and on top of a plausible request. Every
// answer must be an AWS-shaped 4xx (or a 200), never a 5xx; afterwards the emulator still answers and what existed
// before is unchanged.
import {
  CreateClusterCommand,
  CreateServiceCommand,
  DescribeClustersCommand,
  DescribeServicesCommand,
  DescribeTaskDefinitionCommand,
  RegisterTaskDefinitionCommand,
} from '@aws-sdk/client-ecs';
import type { NormalizedSchema } from '@smithy/core/schema';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ecsOperationNames, operationInputSchema, requiredMemberNames } from '../../src/protocol/model/ecs-schema.js';
import { startTestEmulator, uniqueName, type TestEmulator } from '../support/emulator.js';
import { taskDefinitionFixture } from '../support/task-definition-fixtures.js';

const TARGET = 'AmazonEC2ContainerServiceV20141113';
const HUGE = 'x'.repeat(200_000);
const DEEP = `${'['.repeat(10_000)}${']'.repeat(10_000)}`;

let emu: TestEmulator;
beforeAll(async () => {
  emu = await startTestEmulator();
});
afterAll(() => emu.close());

type Kind = 'string' | 'number' | 'boolean' | 'timestamp' | 'list' | 'map' | 'structure' | 'other';

function kindOf(s: NormalizedSchema): Kind {
  if (s.isStringSchema()) return 'string';
  if (s.isNumericSchema() || s.isBigIntegerSchema() || s.isBigDecimalSchema()) return 'number';
  if (s.isBooleanSchema()) return 'boolean';
  if (s.isTimestampSchema()) return 'timestamp';
  if (s.isListSchema()) return 'list';
  if (s.isMapSchema()) return 'map';
  if (s.isStructSchema() || s.isUnionSchema()) return 'structure';
  return 'other';
}

/** A value of the right JSON type, as plausible as a fuzzer can make it without knowing the operation. */
function plausible(kind: Kind): unknown {
  return { string: 'fuzz', number: 1, boolean: true, timestamp: 1, list: [], map: {}, structure: {}, other: 'fuzz' }[kind];
}

/** Values of the wrong JSON type for a member of this kind, plus null and the shapes that stress parsers. */
function hostile(kind: Kind): unknown[] {
  const wrong: Record<Kind, unknown[]> = {
    string: [12345, true, {}, ['a'], HUGE],
    number: ['12', 1e308, -1, 2.5, {}],
    boolean: ['true', 0, []],
    timestamp: [true, 'not a date', {}],
    list: ['a', { a: 1 }, [null, 1, 'a', {}], [HUGE]],
    map: ['a', [1], { k: null, l: [1] }],
    structure: ['a', [1], 7, { unknownMember: HUGE }],
    other: [{}, []],
  };
  return [null, ...wrong[kind]];
}

/** Bodies for one operation: the whole body of the wrong type, then each member made hostile alone and over a plausible request. */
function bodiesFor(operation: string): string[] {
  const bodies = ['', '[]', '"x"', '1', 'null', '{', `{"x":${DEEP}}`];
  const schema = operationInputSchema(operation);
  if (!schema) return bodies;
  const members = [...schema.structIterator()].map(([name, s]) => ({ name, kind: kindOf(s) }));
  const required = new Set(requiredMemberNames(schema));
  const base: Record<string, unknown> = {};
  for (const m of members) if (required.has(m.name)) base[m.name] = plausible(m.kind);
  bodies.push(JSON.stringify(base));
  for (const m of members) {
    for (const value of hostile(m.kind)) {
      bodies.push(JSON.stringify({ [m.name]: value }));
      bodies.push(JSON.stringify({ ...base, [m.name]: value }));
    }
    bodies.push(`{"${m.name}":${DEEP}}`);
  }
  return bodies;
}

async function send(operation: string, body: string): Promise<{ status: number; type?: string }> {
  const res = await fetch(`${emu.endpoint}/`, {
    method: 'POST',
    headers: {
      'content-type': 'application/x-amz-json-1.1',
      'x-amz-target': `${TARGET}.${operation}`,
      authorization: 'AWS4-HMAC-SHA256 Credential=AKIDFUZZ/20260101/us-east-1/ecs/aws4_request, SignedHeaders=host, Signature=0',
    },
    body,
  });
  const text = await res.text();
  let type: string | undefined;
  try {
    type = (JSON.parse(text) as { __type?: string }).__type;
  } catch {
    type = undefined;
  }
  return { status: res.status, type };
}

describe('fuzzing every operation of the ECS model', () => {
  const cluster = uniqueName('fuzz-keep');
  const family = uniqueName('fuzz-keep');
  const serviceName = 'keep';
  let before: unknown;

  const snapshot = async () => ({
    cluster: (await emu.ecs.send(new DescribeClustersCommand({ clusters: [cluster] }))).clusters,
    taskDefinition: (await emu.ecs.send(new DescribeTaskDefinitionCommand({ taskDefinition: `${family}:1` }))).taskDefinition,
    service: (await emu.ecs.send(new DescribeServicesCommand({ cluster, services: [serviceName] }))).services?.map(
      ({ events: _e, deployments: _d, runningCount: _r, pendingCount: _p, ...stable }) => stable,
    ),
  });

  beforeAll(async () => {
    await emu.ecs.send(
      new CreateClusterCommand({
        clusterName: cluster,
        capacityProviders: ['FARGATE'],
        defaultCapacityProviderStrategy: [{ capacityProvider: 'FARGATE', weight: 1 }],
      }),
    );
    await emu.ecs.send(new RegisterTaskDefinitionCommand({ ...taskDefinitionFixture('ec2-bridge'), family }));
    await emu.ecs.send(
      new CreateServiceCommand({ cluster, serviceName, taskDefinition: `${family}:1`, desiredCount: 0, launchType: 'EC2' }),
    );
    before = await snapshot();
  });

  const operations = ecsOperationNames();

  it('covers the whole model', () => {
    expect(operations.length).toBeGreaterThanOrEqual(88);
  });

  it.each(operations)('%s answers every malformed request with a 4xx or a 200, never a 5xx', async (operation) => {
    const bodies = bodiesFor(operation);
    const fiveHundreds: string[] = [];
    for (const body of bodies) {
      const { status, type } = await send(operation, body);
      if (status >= 500) fiveHundreds.push(`${status} ${type} for ${body.slice(0, 200)}`);
      else if (status >= 400) expect(type, `no __type for ${body.slice(0, 200)}`).toMatch(/^[A-Za-z]+$/);
    }
    expect(fiveHundreds).toEqual([]);
  });

  it('leaves what existed before unchanged, and still answers', async () => {
    expect(await snapshot()).toEqual(before);
  });
});
