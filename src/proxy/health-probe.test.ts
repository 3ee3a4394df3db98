import net from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { probe } from './health-probe.js';

const servers: net.Server[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => new Promise((r) => s.close(r))));
});

/** A TCP server on loopback that answers each connection with `onConnection`; its port. */
async function serve(onConnection: (socket: net.Socket) => void): Promise<number> {
  const server = net.createServer(onConnection);
  servers.push(server);
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return (server.address() as net.AddressInfo).port;
}

const request = (port: number) => ({ ip: '127.0.0.1', port, path: '/health', timeoutMs: 300, matcher: '200' });

describe('probe', () => {
  it('passes on a status the matcher allows, and names the code it does not', async () => {
    let status = 200;
    const port = await serve((socket) => {
      socket.once('data', () => socket.end(`HTTP/1.1 ${status} X\r\ncontent-length: 0\r\nconnection: close\r\n\r\n`));
    });
    expect(await probe(request(port))).toEqual({ ok: true });
    status = 503;
    expect(await probe(request(port))).toEqual({
      ok: false,
      reason: 'Target.ResponseCodeMismatch',
      description: 'Health checks failed with these codes: [503]',
    });
  });

  it('times out a target that keeps sending a byte at a time without ever finishing its answer', async () => {
    const timers: NodeJS.Timeout[] = [];
    const port = await serve((socket) => {
      socket.once('data', () => {
        socket.write('HTTP/1.1 200 OK\r\n');
        timers.push(setInterval(() => socket.write('x-slow: 1\r\n'), 50));
      });
      socket.on('error', () => {});
      socket.on('close', () => timers.forEach(clearInterval));
    });
    expect(await probe(request(port))).toEqual({ ok: false, reason: 'Target.Timeout', description: 'Request timed out' });
  });

  it('fails a target that refuses the connection', async () => {
    const port = await serve(() => {});
    await new Promise((r) => servers.pop()!.close(r));
    expect(await probe(request(port))).toEqual({ ok: false, reason: 'Target.FailedHealthChecks', description: 'Health checks failed' });
  });
});
