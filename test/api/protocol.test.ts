// The AWS JSON 1.1 edge, through raw HTTP and through the SDK: parsing, routing, error shapes, request ids,
// input validation, and that a failing handler costs one 500 and never the process.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { CreateClusterCommand, ECSClient, ListClustersCommand, RunTaskCommand, type RunTaskCommandInput } from '@aws-sdk/client-ecs';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppDeps } from '../../src/app-deps.js';
import type { Action } from '../../src/actions/context.js';
import { createCluster } from '../../src/actions/create-cluster.js';
import { testConfig } from '../../src/config.js';
import { randomIds } from '../../src/domain/ids.js';
import { systemClock } from '../../src/domain/ports.js';
import { createApp } from '../../src/protocol/server.js';
import { Store } from '../../src/store/store.js';
import { testAppDeps } from '../support/app-deps.js';
import { startTestEmulator, uniqueName, type TestEmulator } from '../support/emulator.js';

const TARGET = 'AmazonEC2ContainerServiceV20141113';
const AMZ_JSON = 'application/x-amz-json-1.1';

interface Answer {
  status: number;
  headers: Headers;
  body: Record<string, unknown>;
}

async function post(endpoint: string, target: string | null, body: string, contentType = AMZ_JSON): Promise<Answer> {
  const headers: Record<string, string> = { 'content-type': contentType };
  if (target) headers['x-amz-target'] = target;
  const res = await fetch(`${endpoint}/`, { method: 'POST', headers, body });
  const text = await res.text();
  return { status: res.status, headers: res.headers, body: text ? (JSON.parse(text) as Record<string, unknown>) : {} };
}

interface SdkFailure {
  name: string;
  message: string;
  $fault: string;
  $metadata: { httpStatusCode?: number };
}

/** The error an SDK call fails with (fails the test when it succeeds). */
async function sdkFailure(call: Promise<unknown>): Promise<SdkFailure> {
  try {
    await call;
  } catch (err) {
    return err as SdkFailure;
  }
  throw new Error('the call succeeded');
}

/** An AWS JSON 1.1 error: status, __type, and the same code in x-amzn-ErrorType. */
function expectError(answer: Answer, status: number, code: string) {
  expect(answer.status).toBe(status);
  expect(answer.body.__type).toBe(code);
  expect(answer.headers.get('x-amzn-errortype')).toBe(code);
  expect(answer.headers.get('x-amzn-requestid')).toMatch(/\S+/);
  expect(answer.headers.get('content-type')).toContain(AMZ_JSON);
}

let emu: TestEmulator;
beforeAll(async () => {
  emu = await startTestEmulator();
});
afterAll(() => emu.close());

describe('AWS JSON 1.1 over raw HTTP', () => {
  it('answers a malformed JSON body with SerializationException (400)', async () => {
    const answer = await post(emu.endpoint, `${TARGET}.CreateCluster`, '{"clusterName": ');
    expectError(answer, 400, 'SerializationException');
  });

  it('answers a body that is JSON but not an object with SerializationException', async () => {
    expectError(await post(emu.endpoint, `${TARGET}.CreateCluster`, '"a string"'), 400, 'SerializationException');
    expectError(await post(emu.endpoint, `${TARGET}.CreateCluster`, '[]'), 400, 'SerializationException');
  });

  it('takes an empty body as an empty input', async () => {
    const answer = await post(emu.endpoint, `${TARGET}.CreateCluster`, '');
    expect(answer.status).toBe(200);
    expect(answer.body).toMatchObject({ cluster: { clusterName: 'default', status: 'ACTIVE' } });
  });

  it.each([AMZ_JSON, 'application/json'])('accepts a body sent as %s', async (contentType) => {
    const name = uniqueName('ct');
    const answer = await post(emu.endpoint, `${TARGET}.CreateCluster`, JSON.stringify({ clusterName: name }), contentType);
    expect(answer.status).toBe(200);
    expect(answer.headers.get('content-type')).toContain(AMZ_JSON);
    expect(answer.body).toMatchObject({ cluster: { clusterName: name } });
  });

  it.each([
    ['an operation ECS does not have', `${TARGET}.LaunchRocket`],
    ['another service', 'DynamoDB_20120810.ListTables'],
    ['a target without an operation', TARGET],
    ['no target at all', null],
  ])('answers %s with UnknownOperationException (400)', async (_what, target) => {
    const answer = await post(emu.endpoint, target, '{}');
    expectError(answer, 400, 'UnknownOperationException');
  });

  it('parses the body before it routes: a malformed body to an unknown target is a SerializationException', async () => {
    expectError(await post(emu.endpoint, `${TARGET}.LaunchRocket`, '{'), 400, 'SerializationException');
  });

  it('answers another path or method with UnknownOperationException (404)', async () => {
    const res = await fetch(`${emu.endpoint}/nowhere`);
    expect(res.status).toBe(404);
    expect(res.headers.get('x-amzn-requestid')).toMatch(/\S+/);
    expect(res.headers.get('x-amzn-errortype')).toBe('UnknownOperationException');
    expect(await res.json()).toEqual({ __type: 'UnknownOperationException' });
  });

  it('puts a distinct x-amzn-RequestId on every answer, success or error', async () => {
    const answers = await Promise.all([
      post(emu.endpoint, `${TARGET}.CreateCluster`, JSON.stringify({ clusterName: uniqueName('rid') })),
      post(emu.endpoint, `${TARGET}.ListClusters`, '{'),
      post(emu.endpoint, `${TARGET}.Nope`, '{}'),
    ]);
    expect(answers[0]!.status).toBe(200);
    expect(answers[0]!.headers.get('x-amzn-errortype')).toBeNull();
    const ids = answers.map((a) => a.headers.get('x-amzn-requestid'));
    for (const id of ids) expect(id).toMatch(/\S+/);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('answers a wrong JSON type with the Java-style SerializationException message', async () => {
    const body = JSON.stringify({ defaultCapacityProviderStrategy: [{ capacityProvider: 'FARGATE', weight: '1' }] });
    const answer = await post(emu.endpoint, `${TARGET}.CreateCluster`, body);
    expectError(answer, 400, 'SerializationException');
    expect(answer.body.message).toBe('STRING_VALUE cannot be converted to Integer');
  });

  it('answers a value outside its enum with the validation error', async () => {
    const body = JSON.stringify({ clusterName: uniqueName('enum'), settings: [{ name: 'nope', value: 'enabled' }] });
    const answer = await post(emu.endpoint, `${TARGET}.CreateCluster`, body);
    expectError(answer, 400, 'ClientException');
    expect(answer.body.message).toMatch(
      /^1 validation error detected: Value 'nope' at 'settings\.1\.member\.name' failed to satisfy constraint: Member must satisfy enum value set: \[.*containerInsights.*\]$/,
    );
  });

  it('ignores members the model does not know', async () => {
    const name = uniqueName('extra');
    const answer = await post(emu.endpoint, `${TARGET}.CreateCluster`, JSON.stringify({ clusterName: name, colour: 'blue' }));
    expect(answer.status).toBe(200);
    expect(answer.body).toMatchObject({ cluster: { clusterName: name } });
  });

  it('answers a body over the size limit with 413 and an AWS-shaped error', async () => {
    const body = JSON.stringify({ clusterName: 'x'.repeat(11 * 1024 * 1024) });
    expectError(await post(emu.endpoint, `${TARGET}.CreateCluster`, body), 413, 'RequestEntityTooLargeException');
  });
});

describe('input validation through the SDK', () => {
  it('returns ClientException (400) for a value outside its enum', async () => {
    const err = await sdkFailure(emu.ecs.send(new CreateClusterCommand({ settings: [{ name: 'bogus' as never, value: 'enabled' }] })));
    expect(err.name).toBe('ClientException');
    expect(err.$metadata.httpStatusCode).toBe(400);
    expect(err.message).toContain("Value 'bogus' at 'settings.1.member.name'");
  });
});

// A server built from createApp with a hand-made operations table: a well-behaved RunTask stand-in and
// handlers that fail in every way a handler can.
describe('an operations table with failing handlers', () => {
  const logLines: string[] = [];
  let server: http.Server;
  let store: Store;
  let ecs: ECSClient;
  let endpoint: string;

  const operations: Record<string, Action> = {
    CreateCluster: createCluster,
    RunTask: () => ({ tasks: [], failures: [] }),
    ListClusters: () => {
      throw new Error('the handler blew up');
    },
    DescribeClusters: async () => {
      await new Promise((resolve) => setTimeout(resolve, 1));
      throw new TypeError('the async handler blew up');
    },
    ListServices: () => ({ serviceArns: [BigInt(1)] }),
  };

  beforeAll(async () => {
    store = await Store.open(null);
    const logger = pino({ level: 'info' }, { write: (line: string) => void logLines.push(line) });
    const base = { config: testConfig(), store, clock: systemClock, ids: randomIds, logger };
    const deps: AppDeps = testAppDeps(base);
    server = http.createServer(createApp({ deps, operations }));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    ecs = new ECSClient({
      endpoint,
      region: 'us-east-1',
      credentials: { accessKeyId: 'AKIDTEST', secretAccessKey: 'test' },
      maxAttempts: 1,
    });
  });
  afterAll(async () => {
    ecs.destroy();
    await new Promise<void>((resolve) => {
      server.close(() => resolve());
      server.closeAllConnections();
    });
    await store.close();
  });

  it('returns the validation error (400) when the SDK sends RunTask without its required taskDefinition', async () => {
    const err = await sdkFailure(ecs.send(new RunTaskCommand({} as RunTaskCommandInput)));
    expect(err.name).toBe('ClientException');
    expect(err.$metadata.httpStatusCode).toBe(400);
    expect(err.message).toBe(
      "1 validation error detected: Value null at 'taskDefinition' failed to satisfy constraint: Member must not be null",
    );
  });

  it('returns SerializationException when the SDK is handed a string for an integer', async () => {
    const err = await sdkFailure(ecs.send(new RunTaskCommand({ taskDefinition: 'web', count: '2' as never })));
    expect(err.name).toBe('SerializationException');
    expect(err.$metadata.httpStatusCode).toBe(400);
  });

  it('runs the handler once the input is valid', async () => {
    await expect(ecs.send(new RunTaskCommand({ taskDefinition: 'web', launchType: 'FARGATE' }))).resolves.toMatchObject({
      tasks: [],
      failures: [],
    });
  });

  it('turns a handler that throws a plain Error into 500 ServerException, logs it, and keeps answering', async () => {
    const err = await sdkFailure(ecs.send(new ListClustersCommand({})));
    expect(err.name).toBe('ServerException');
    expect(err.$fault).toBe('server');
    expect(err.$metadata.httpStatusCode).toBe(500);
    expect(logLines.some((line) => line.includes('the handler blew up') && line.includes('unexpected failure'))).toBe(true);

    const { cluster } = await ecs.send(new CreateClusterCommand({ clusterName: uniqueName('alive') }));
    expect(cluster?.status).toBe('ACTIVE');
  });

  it('does the same for a rejected promise and for an answer that cannot be serialized', async () => {
    const rejected = await post(endpoint, `${TARGET}.DescribeClusters`, '{}');
    expectError(rejected, 500, 'ServerException');
    expect(rejected.body.message).toBe('Service Unavailable. Please try again later.');
    expectError(await post(endpoint, `${TARGET}.ListServices`, '{}'), 500, 'ServerException');
    expect(logLines.some((line) => line.includes('the async handler blew up'))).toBe(true);
    expect((await post(endpoint, `${TARGET}.RunTask`, '{"taskDefinition":"web"}')).status).toBe(200);
  });

  it('survives a burst of bad and failing requests', async () => {
    const bodies = ['{', '[]', 'null', '{"taskDefinition": 5}', '{"launchType": "FOO"}', '\u0000\u0001', '{"a":'.repeat(2000)];
    const answers = await Promise.all([
      ...bodies.map((b) => post(endpoint, `${TARGET}.RunTask`, b)),
      ...Array.from({ length: 10 }, () => post(endpoint, `${TARGET}.ListClusters`, '{}')),
    ]);
    for (const answer of answers) {
      expect(answer.status === 400 || answer.status === 500).toBe(true);
      expect(answer.headers.get('x-amzn-requestid')).toMatch(/\S+/);
    }
    expect((await post(endpoint, `${TARGET}.RunTask`, '{"taskDefinition":"web"}')).status).toBe(200);
  });
});
