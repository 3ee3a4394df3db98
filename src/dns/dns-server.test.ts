// The task resolver on loopback: answers of the caller's VPC, forwarding of everything else to an upstream, and
// the caller told apart by its source address.
import dgram from 'node:dgram';
import * as packet from 'dns-packet';
import { afterEach, describe, expect, it } from 'vitest';
import { createLogger } from '../logger.js';
import { DnsServer } from './dns-server.js';

const logger = createLogger('silent');
const clock = { now: () => Date.now() };
const closers: (() => unknown)[] = [];
afterEach(async () => {
  for (const c of closers.splice(0)) await c();
});

function query(port: number, name: string, type: 'A' | 'SRV' = 'A'): Promise<packet.DecodedPacket> {
  const socket = dgram.createSocket('udp4');
  return new Promise((resolve, reject) => {
    socket.on('message', (msg) => {
      socket.close();
      resolve(packet.decode(msg));
    });
    socket.on('error', reject);
    socket.send(
      packet.encode({ type: 'query', id: 4242, flags: packet.RECURSION_DESIRED, questions: [{ type, name }] }),
      port,
      '127.0.0.1',
    );
  });
}

/** An upstream that answers every A query with 192.0.2.1. */
async function fakeUpstream(): Promise<number> {
  const socket = dgram.createSocket('udp4');
  socket.on('message', (msg, rinfo) => {
    const q = packet.decode(msg);
    const reply = packet.encode({
      type: 'response',
      id: q.id,
      flags: packet.RECURSION_AVAILABLE,
      questions: q.questions,
      answers: [{ type: 'A', name: q.questions![0]!.name, ttl: 60, data: '192.0.2.1' }],
    });
    socket.send(reply, rinfo.port, rinfo.address);
  });
  await new Promise<void>((r) => socket.bind(0, '127.0.0.1', () => r()));
  closers.push(() => socket.close());
  return socket.address().port;
}

async function server(callerKnown: boolean, upstreamPort: number) {
  const dns = new DnsServer(
    {
      callerOf: (address) =>
        callerKnown && address === '127.0.0.1' ? { scope: { accountId: 'a', region: 'r' }, vpcId: 'vpc-1', taskId: 't' } : undefined,
      answer: ({ vpcId }, name) =>
        vpcId === 'vpc-1' && name === 'api.corp.internal'
          ? { rcode: 'NOERROR', answers: [{ type: 'A', name, ttl: 5, address: '10.0.0.9' }], zone: { name: 'corp.internal', ttl: 15 } }
          : null,
      upstreams: [`127.0.0.1:${upstreamPort}`],
      logger,
      clock,
    },
    '127.0.0.1',
    0,
  );
  expect(await dns.ensureListening()).toBe(true);
  closers.push(() => dns.close());
  return dns.boundPort!;
}

describe('task DNS resolver', () => {
  it('answers a name of the caller’s namespaces itself, authoritatively, with the TTL', async () => {
    const port = await server(true, await fakeUpstream());
    const reply = await query(port, 'api.corp.internal');
    expect(reply.id).toBe(4242);
    expect(reply.flag_aa).toBe(true);
    expect(reply.answers).toEqual([expect.objectContaining({ type: 'A', name: 'api.corp.internal', ttl: 5, data: '10.0.0.9' })]);
  });

  it('forwards other names, and every name of a caller that is no task, to the upstream', async () => {
    const upstream = await fakeUpstream();
    const known = await server(true, upstream);
    expect((await query(known, 'example.org')).answers).toEqual([expect.objectContaining({ data: '192.0.2.1' })]);
    const stranger = await server(false, upstream);
    expect((await query(stranger, 'api.corp.internal')).answers).toEqual([expect.objectContaining({ data: '192.0.2.1' })]);
  });
});
