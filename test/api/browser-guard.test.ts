// A web page the user visits cannot drive the emulator: Host allow-list (DNS rebinding), Origin checks on
// state-changing requests (cross-site form posts), CORS preflights only for configured origins. Raw HTTP, since
// browsers' headers are what is being checked (fetch() cannot set Host).
import http from 'node:http';
import { ListClustersCommand } from '@aws-sdk/client-ecs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestEmulator, type TestEmulator } from '../support/emulator.js';

let emu: TestEmulator;
beforeAll(async () => {
  emu = await startTestEmulator({ allowedHosts: ['fargate-local'], corsOrigins: ['http://localhost:3000'] });
});
afterAll(() => emu.close());

interface Answer {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: string;
}

function request(method: string, path: string, headers: Record<string, string>, body = ''): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = http.request({ host: '127.0.0.1', port: emu.port, method, path, headers, setHost: !('host' in headers) }, (res) => {
      let text = '';
      res.on('data', (c) => {
        text += c;
      });
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: text }));
    });
    req.on('error', reject);
    req.end(body);
  });
}

const createVpcForm = 'Action=CreateVpc&Version=2016-11-15&CidrBlock=10.151.0.0%2F16';
const form = { 'content-type': 'application/x-www-form-urlencoded' };
const ecs = (target: string) => ({
  'content-type': 'application/x-amz-json-1.1',
  'x-amz-target': `AmazonEC2ContainerServiceV20141113.${target}`,
});
const vpcCount = async () => {
  const res = await request('POST', '/', { ...form, host: `127.0.0.1:${emu.port}` }, 'Action=DescribeVpcs&Version=2016-11-15');
  return (res.body.match(/<vpcId>/g) ?? []).length;
};

describe('Host header', () => {
  it.each(['localhost', 'localhost:4599', '127.0.0.1:4599', '[::1]:4599', 'api.localhost', 'fargate-local:4599', '10.0.0.7'])(
    'accepts %s',
    async (host) => {
      const res = await request('POST', '/', { ...ecs('ListClusters'), host }, '{}');
      expect(res.status).toBe(200);
    },
  );

  it.each(['attacker.example', 'attacker.example:4599', 'localhost.attacker.example', ''])(
    'refuses %j on every route (DNS rebinding), AWS-shaped',
    async (host) => {
      for (const [method, path, headers] of [
        ['POST', '/', ecs('ListClusters')],
        ['GET', '/_fargate-local/faults', {}],
        ['GET', '/_fargate-local/ui/', {}],
      ] as const) {
        const res = await request(method, path, { ...headers, host });
        expect(res.status, `${method} ${path}`).toBe(403);
        expect(JSON.parse(res.body)).toMatchObject({ __type: 'AccessDeniedException' });
      }
    },
  );
});

describe('Origin on state-changing requests', () => {
  it('refuses a cross-site form POST creating a VPC, and creates nothing', async () => {
    const before = await vpcCount();
    const res = await request('POST', '/', { ...form, host: `localhost:${emu.port}`, origin: 'https://attacker.example' }, createVpcForm);
    expect(res.status).toBe(403);
    expect(res.body).toContain('https://attacker.example');
    expect(await vpcCount()).toBe(before);
  });

  it('refuses a sandboxed page (Origin: null) and a foreign origin on the control API', async () => {
    for (const origin of ['null', 'http://evil.localhost:8080']) {
      const res = await request(
        'POST',
        '/_fargate-local/faults',
        { 'content-type': 'application/json', host: `localhost:${emu.port}`, origin },
        '{"kind":"x"}',
      );
      expect(res.status).toBe(403);
    }
  });

  it('lets the dashboard (same origin), configured origins and non-browser clients through', async () => {
    const host = `localhost:${emu.port}`;
    expect((await request('POST', '/', { ...ecs('ListClusters'), host, origin: `http://${host}` }, '{}')).status).toBe(200);
    const fromApp = await request('POST', '/', { ...ecs('ListClusters'), host, origin: 'http://localhost:3000' }, '{}');
    expect(fromApp.status).toBe(200);
    expect(fromApp.headers['access-control-allow-origin']).toBe('http://localhost:3000');
    expect(fromApp.headers['access-control-expose-headers']).toContain('x-amzn-RequestId');
    expect((await emu.ecs.send(new ListClustersCommand({}))).clusterArns).toBeDefined();
  });

  it('leaves reads alone: a GET from another origin gets no CORS header, so the page cannot read it', async () => {
    const res = await request('GET', '/_fargate-local/faults', { host: `localhost:${emu.port}`, origin: 'https://attacker.example' });
    expect(res.status).toBe(200);
    expect(res.headers['access-control-allow-origin']).toBeUndefined();
  });
});

describe('CORS preflight', () => {
  const preflight = (origin: string) =>
    request('OPTIONS', '/', {
      host: `localhost:${emu.port}`,
      origin,
      'access-control-request-method': 'POST',
      'access-control-request-headers': 'content-type,x-amz-target,authorization',
    });

  it('answers a configured origin with what it may send', async () => {
    const res = await preflight('http://localhost:3000');
    expect(res.status).toBe(204);
    expect(res.headers).toMatchObject({
      'access-control-allow-origin': 'http://localhost:3000',
      'access-control-allow-headers': 'content-type,x-amz-target,authorization',
    });
    expect(res.headers['access-control-allow-methods']).toContain('POST');
  });

  it('refuses any other origin', async () => {
    const res = await preflight('http://localhost:3001');
    expect(res.status).toBe(403);
    expect(res.headers['access-control-allow-origin']).toBeUndefined();
  });
});
