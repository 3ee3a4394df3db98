// The HTTP edge shared by every service on the port: AWS JSON requests go to the service their X-Amz-Target names,
// form-encoded query requests to the service of their Version; ECS stays the answer for anything else.
import http from 'node:http';
import { testAppDeps } from '../support/app-deps.js';
import type { AddressInfo } from 'node:net';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppDeps } from '../../src/app-deps.js';
import { testConfig } from '../../src/config.js';
import { randomIds } from '../../src/domain/ids.js';
import { systemClock } from '../../src/domain/ports.js';
import type { QueryService } from '../../src/protocol/query.js';
import { createApp } from '../../src/protocol/server.js';
import { Store } from '../../src/store/store.js';

let server: http.Server;
let endpoint: string;
let store: Store;

const echoQuery: QueryService = {
  version: '2010-05-08',
  async handle(req) {
    return { status: 200, contentType: 'text/plain', body: `query ${req.action} ${req.params.get('Name')} ${req.scope.region}` };
  },
};

beforeAll(async () => {
  store = await Store.open(null);
  const base = { config: testConfig(), store, clock: systemClock, ids: randomIds, logger: pino({ level: 'silent' }) };
  const deps: AppDeps = testAppDeps(base);
  const app = createApp({
    deps,
    operations: { ListClusters: () => ({ clusterArns: ['ecs'] }) },
    jsonServices: [
      {
        targetPrefix: 'Logs_20140328',
        operations: { DescribeLogGroups: (_ctx, input: { prefix?: string }) => ({ logGroups: [input.prefix] }) },
      },
    ],
    queryServices: [echoQuery],
  });
  server = http.createServer(app);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  await new Promise<void>((resolve) => server.close(() => resolve()));
  await store.close();
});

const post = (headers: Record<string, string>, body: string) =>
  fetch(`${endpoint}/`, { method: 'POST', headers, body }).then(async (r) => ({ status: r.status, text: await r.text() }));

describe('the edge', () => {
  it('routes AWS JSON by X-Amz-Target prefix', async () => {
    const json = { 'content-type': 'application/x-amz-json-1.1' };
    expect(await post({ ...json, 'x-amz-target': 'AmazonEC2ContainerServiceV20141113.ListClusters' }, '{}')).toEqual({
      status: 200,
      text: '{"clusterArns":["ecs"]}',
    });
    expect(await post({ ...json, 'x-amz-target': 'Logs_20140328.DescribeLogGroups' }, '{"prefix":"/ecs"}')).toEqual({
      status: 200,
      text: '{"logGroups":["/ecs"]}',
    });
    const unknown = await post({ ...json, 'x-amz-target': 'Logs_20140328.ListClusters' }, '{}');
    expect(unknown.status).toBe(400);
    expect(JSON.parse(unknown.text)).toEqual({ __type: 'UnknownOperationException' });
  });

  it('routes form-encoded query requests to a query service, with the caller’s scope', async () => {
    const auth = 'AWS4-HMAC-SHA256 Credential=AKID/20260101/eu-west-3/iam/aws4_request, SignedHeaders=host, Signature=x';
    const answer = await post(
      { 'content-type': 'application/x-www-form-urlencoded', authorization: auth },
      'Action=GetUser&Version=2010-05-08&Name=a%20b',
    );
    expect(answer).toEqual({ status: 200, text: 'query GetUser a b eu-west-3' });
  });
});
