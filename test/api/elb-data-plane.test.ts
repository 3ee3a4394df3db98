// The load balancer's data plane: the reverse proxy and an ALB listener's routing over loopback backends
// (rules, weights, X-Forwarded-*, keep-alive, WebSocket upgrades, 502/503/504), and listeners the emulator serves
// for ELBv2 listeners (port mapping reported by the control API and `fargate-local load-balancers`).
import http from 'node:http';
import net from 'node:net';
import type { AddressInfo } from 'node:net';
import {
  CreateListenerCommand,
  CreateLoadBalancerCommand,
  type ElasticLoadBalancingV2Client,
} from '@aws-sdk/client-elastic-load-balancing-v2';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runControlCommand } from '../../src/cli/control-commands.js';
import { FargateLocalControl } from '../../src/client/control-client.js';
import type { ActionRecord } from '../../src/domain/elbv2/records.js';
import { AlbListener, type ListenerSnapshot } from '../../src/proxy/alb-listener.js';
import { HttpProxy } from '../../src/proxy/http-proxy.js';
import { startTestEmulator, uniqueName, type TestEmulator } from '../support/emulator.js';
import { defaultNetwork, elbv2Client } from '../support/elbv2.js';

/** A backend that answers with its name and the request's headers; `/slow` never answers, `/ws` upgrades and echoes. */
async function backend(name: string) {
  const seen: http.IncomingHttpHeaders[] = [];
  const sockets = new Set<net.Socket>();
  const server = http.createServer((req, res) => {
    seen.push(req.headers);
    if (req.url?.startsWith('/slow')) return;
    res.setHeader('content-type', 'application/json');
    res.end(JSON.stringify({ name, url: req.url, headers: req.headers }));
  });
  server.on('connection', (s) => sockets.add(s));
  server.on('upgrade', (req, socket) => {
    socket.write(`HTTP/1.1 101 Switching Protocols\r\nupgrade: ${req.headers.upgrade}\r\nconnection: Upgrade\r\n\r\n`);
    socket.on('data', (chunk) => socket.write(`${name}:${chunk.toString()}`));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    name,
    port: (server.address() as AddressInfo).port,
    seen,
    connections: () => sockets.size,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
        for (const socket of sockets) socket.destroy();
      }),
  };
}

const forward = (...groups: [string, number][]): ActionRecord[] => [
  {
    type: 'forward',
    forward: {
      targetGroups: groups.map(([targetGroupArn, weight]) => ({ targetGroupArn, weight })),
      stickiness: { enabled: false },
      single: false,
    },
  },
];

describe('an ALB listener over loopback backends', () => {
  let blue: Awaited<ReturnType<typeof backend>>;
  let green: Awaited<ReturnType<typeof backend>>;
  let server: http.Server;
  let proxy: HttpProxy;
  let listener: AlbListener;
  let base: string;
  const keepAlive = new http.Agent({ keepAlive: true });
  const snapshot = (over: Partial<ListenerSnapshot> = {}): ListenerSnapshot => ({
    port: 80,
    idleTimeoutMs: 1000,
    defaultActions: [{ type: 'fixed-response', fixedResponse: { statusCode: '404', contentType: 'text/plain', messageBody: 'no route' } }],
    rules: [
      {
        priority: 1,
        conditions: [{ field: 'path-pattern', values: ['/redirect'] }],
        actions: [
          {
            type: 'redirect',
            redirect: { protocol: 'HTTPS', port: '443', host: '#{host}', path: '/new/#{path}', query: '#{query}', statusCode: 'HTTP_301' },
          },
        ],
      },
      { priority: 2, conditions: [{ field: 'path-pattern', values: ['/split/*'] }], actions: forward(['blue', 3], ['green', 1]) },
      { priority: 3, conditions: [{ field: 'http-header', headerName: 'X-Env', values: ['green'] }], actions: forward(['green', 1]) },
      {
        priority: 4,
        conditions: [{ field: 'query-string', values: [], queryStrings: [{ key: 'v', value: 'b*' }] }],
        actions: forward(['blue', 1]),
      },
      { priority: 5, conditions: [{ field: 'host-header', values: ['*.example.com'] }], actions: forward(['blue', 1]) },
      { priority: 6, conditions: [{ field: 'path-pattern', values: ['/empty'] }], actions: forward(['empty', 1]) },
      { priority: 7, conditions: [{ field: 'path-pattern', values: ['/down'] }], actions: forward(['down', 1]) },
    ],
    targetGroups: new Map([
      ['blue', { targetGroupArn: 'blue', healthCheckEnabled: true, targets: [{ ip: '127.0.0.1', port: blue.port, state: 'healthy' }] }],
      ['green', { targetGroupArn: 'green', healthCheckEnabled: true, targets: [{ ip: '127.0.0.1', port: green.port, state: 'healthy' }] }],
      ['empty', { targetGroupArn: 'empty', healthCheckEnabled: true, targets: [{ ip: '127.0.0.1', port: blue.port, state: 'initial' }] }],
      ['down', { targetGroupArn: 'down', healthCheckEnabled: true, targets: [{ ip: '127.0.0.1', port: 1, state: 'healthy' }] }],
    ]),
    ...over,
  });

  beforeAll(async () => {
    blue = await backend('blue');
    green = await backend('green');
    listener = new AlbListener(snapshot());
    proxy = new HttpProxy({
      decide: (req) => listener.decide(req),
      forwardedPort: 80,
      idleTimeoutMs: () => listener.snapshot.idleTimeoutMs,
    });
    server = http.createServer(proxy.handle);
    server.on('upgrade', proxy.upgrade);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    keepAlive.destroy();
    server.closeAllConnections();
    server.close();
    proxy.close();
    await blue.close();
    await green.close();
  });

  /** A GET through the listener (node's http: fetch does not let a test set Host). */
  type Got = {
    status: number;
    text: string;
    headers: http.IncomingHttpHeaders;
    json: () => { name: string; headers: Record<string, string> };
  };
  const get = (path: string, headers: Record<string, string> = {}) =>
    new Promise<Got>((resolve, reject) => {
      http
        .get(base + path, { headers, agent: keepAlive }, (res) => {
          let text = '';
          res.on('data', (d) => (text += d));
          res.on('end', () => resolve({ status: res.statusCode ?? 0, text, headers: res.headers, json: () => JSON.parse(text) }));
        })
        .on('error', reject);
    });

  it('answers the default fixed response and redirects with the request filled in', async () => {
    expect(await get('/nothing')).toMatchObject({ status: 404, text: 'no route' });
    const r = await get('/redirect?a=1', { host: 'shop.local:8080' });
    expect(r.status).toBe(301);
    expect(r.headers.location).toBe('https://shop.local/new/redirect?a=1');
  });

  it('routes by header, query string and host, and splits by weight', async () => {
    expect((await get('/x', { 'x-env': 'GREEN' })).json().name).toBe('green');
    expect((await get('/x?v=blue')).json().name).toBe('blue');
    expect((await get('/x', { host: 'api.example.com' })).json().name).toBe('blue');
    const names: string[] = [];
    for (let i = 0; i < 8; i++) names.push((await get('/split/a')).json().name);
    expect(names.filter((n) => n === 'blue')).toHaveLength(6);
    expect(names.filter((n) => n === 'green')).toHaveLength(2);
  });

  it('adds X-Forwarded-For, -Proto, -Port and a trace id, and appends to an existing X-Forwarded-For', async () => {
    const h = (await get('/x?v=b', { 'x-forwarded-for': '203.0.113.9' })).json().headers;
    expect(h['x-forwarded-for']).toBe('203.0.113.9, 127.0.0.1');
    expect(h['x-forwarded-proto']).toBe('http');
    expect(h['x-forwarded-port']).toBe('80');
    expect(h['x-amzn-trace-id']).toMatch(/^Root=1-[0-9a-f]{8}-[0-9a-f]{24}$/);
  });

  it('keeps connections to the target alive', async () => {
    const before = blue.connections();
    for (let i = 0; i < 20; i++) await get('/x?v=b');
    expect(blue.connections() - before).toBeLessThanOrEqual(1);
  });

  it('answers 503 without routable targets, 502 when the target refuses, 504 when it is too slow', async () => {
    const none = await get('/empty');
    expect(none.status).toBe(503);
    expect(none.text).toContain('503 Service Temporarily Unavailable');
    expect((await get('/down')).status).toBe(502);
    const slow = await get('/slow?v=b');
    expect(slow.status).toBe(504);
    expect(slow.text).toContain('504 Gateway Time-out');
  });

  it('passes WebSocket upgrades through both ways', async () => {
    const port = (server.address() as AddressInfo).port;
    const socket = net.connect(port, '127.0.0.1');
    socket.write('GET /ws HTTP/1.1\r\nHost: x\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nX-Env: green\r\n\r\n');
    let received = '';
    socket.on('data', (d) => {
      received += d.toString();
      if (received.includes('101') && !received.includes('ping')) socket.write('ping');
    });
    await new Promise<void>((resolve) => {
      const check = setInterval(() => {
        if (received.includes('green:ping')) {
          clearInterval(check);
          resolve();
        }
      }, 10);
    });
    expect(received).toMatch(/^HTTP\/1\.1 101 Switching Protocols/);
    socket.destroy();
  });
});

describe('listeners served by the emulator', () => {
  let emu: TestEmulator;
  let elb: ElasticLoadBalancingV2Client;
  let blocker: net.Server;
  beforeAll(async () => {
    emu = await startTestEmulator();
    elb = elbv2Client(emu.endpoint);
    blocker = net.createServer();
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
  });
  afterAll(async () => {
    elb.destroy();
    blocker.close();
    await emu.close();
  });

  it('serves a listener on its port, or on another when that is taken, and reports the mapping', async () => {
    const { subnets } = await defaultNetwork(emu.endpoint);
    const name = uniqueName('dp').slice(0, 32);
    const lb = (await elb.send(new CreateLoadBalancerCommand({ Name: name, Subnets: subnets.slice(0, 2) }))).LoadBalancers![0]!;
    const taken = (blocker.address() as AddressInfo).port;
    const fixed = (body: string) => [
      { Type: 'fixed-response' as const, FixedResponseConfig: { StatusCode: '200', ContentType: 'text/plain', MessageBody: body } },
    ];
    const { Listeners } = await elb.send(
      new CreateListenerCommand({ LoadBalancerArn: lb.LoadBalancerArn, Port: taken, DefaultActions: fixed('mapped') }),
    );

    const listed = await new FargateLocalControl(emu.endpoint).loadBalancers();
    const entry = listed.find((l) => l.listenerArn === Listeners![0]!.ListenerArn)!;
    expect(entry).toMatchObject({ loadBalancerName: name, dnsName: lb.DNSName, port: taken, address: '127.0.0.1' });
    expect(entry.hostPort).not.toBe(taken);
    expect(entry.url).toBe(`http://${lb.DNSName}:${entry.hostPort}/`);
    const res = await fetch(`http://127.0.0.1:${entry.hostPort}/`, { headers: { host: lb.DNSName! } });
    expect(await res.text()).toBe('mapped');

    const out: string[] = [];
    const code = await runControlCommand(['load-balancers', '--endpoint', emu.endpoint], emu.endpoint, {
      out: (l) => out.push(l),
      err: (l) => out.push(l),
    });
    expect(code).toBe(0);
    expect(out.join('\n')).toContain(`${name}\t${entry.url}\t127.0.0.1:${entry.hostPort} (port ${taken} mapped to ${entry.hostPort})`);
  });
});
