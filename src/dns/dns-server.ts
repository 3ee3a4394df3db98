// The resolver tasks use: 169.254.170.2:53 (UDP and TCP), the address tasks already reach for their metadata.
// Each task's pause container names it as its DNS server, so Docker's embedded resolver (127.0.0.11 in the task)
// forwards here whatever is not a container name, from inside the task's network namespace: the source address
// is the task's address on the agent network, which tells which task, hence which VPC, is asking.
//   - a name inside a private DNS namespace of the caller's VPC: answered from Cloud Map (authoritative);
//   - anything else, or a caller that is no task: forwarded to the upstream resolvers (the emulator's own), and
//     their answer relayed as it is, so names outside the namespaces resolve as they did before.
// Binding needs root or CAP_NET_BIND_SERVICE (port 53) and the agent network's address; when it fails, tasks keep
// Docker's usual resolver (a warning says why), and nothing else changes.
import dgram from 'node:dgram';
import net from 'node:net';
import * as packet from 'dns-packet';
import type { DnsAnswer, DnsRecordAnswer } from '../domain/cloudmap/dns-answers.js';
import type { Clock } from '../domain/ports.js';
import type { Scope } from '../domain/scope.js';
import type { Logger } from '../logger.js';

export const DNS_PORT = 53;
const RETRY_AFTER_MS = 5_000;
const UPSTREAM_TIMEOUT_MS = 2_000;
const NXDOMAIN = 3;
const SERVFAIL = 2;

export interface DnsResolverDeps {
  /** Which account/region and VPC the task at this agent-network address is in, if it is a task. */
  callerOf(address: string): DnsCaller | undefined;
  /** The answer of the caller's namespaces (its VPC's, its Service Connect's), or null when the name is none of theirs. */
  answer(caller: DnsCaller, name: string, type: string): DnsAnswer | null;
  /** Upstream resolvers, `host` or `host:port`. */
  upstreams: readonly string[];
  logger: Logger;
  clock: Clock;
}

export interface DnsCaller {
  scope: Scope;
  vpcId: string;
  taskId: string;
}

export class DnsServer {
  private udp: dgram.Socket | null = null;
  private tcp: net.Server | null = null;
  private binding: Promise<boolean> | null = null;
  private failedAt = -Infinity;
  private closed = false;

  constructor(
    private readonly deps: DnsResolverDeps,
    private readonly address: string,
    private readonly port = DNS_PORT,
  ) {}

  get listening(): boolean {
    return this.udp !== null;
  }

  /** The UDP port actually bound (tests bind port 0). */
  get boundPort(): number | undefined {
    return this.udp?.address().port;
  }

  /** Binds unless already bound; resolves whether it serves. Never throws. */
  ensureListening(options: { quiet?: boolean } = {}): Promise<boolean> {
    if (this.closed) return Promise.resolve(false);
    if (this.udp) return Promise.resolve(true);
    if (this.binding) return this.binding;
    if (this.deps.clock.now() - this.failedAt < RETRY_AFTER_MS) return Promise.resolve(false);
    this.binding = this.bind(options.quiet ?? false).finally(() => {
      this.binding = null;
    });
    return this.binding;
  }

  async close(): Promise<void> {
    this.closed = true;
    await this.binding;
    const udp = this.udp;
    const tcp = this.tcp;
    this.udp = null;
    this.tcp = null;
    await Promise.all([
      udp ? new Promise<void>((r) => udp.close(() => r())) : undefined,
      tcp ? new Promise<void>((r) => tcp.close(() => r())) : undefined,
    ]);
  }

  private async bind(quiet: boolean): Promise<boolean> {
    const where = `${this.address}:${this.port}`;
    const udp = dgram.createSocket({ type: 'udp4' });
    const ok = await new Promise<boolean>((resolve) => {
      udp.once('error', (err: NodeJS.ErrnoException) => {
        if (!(quiet && err.code === 'EADDRNOTAVAIL')) {
          this.failedAt = this.deps.clock.now();
          this.deps.logger.warn({ code: err.code }, `task DNS resolver unavailable at ${where}: ${advice(err.code)}`);
        }
        resolve(false);
      });
      udp.bind({ address: this.address, port: this.port, exclusive: true }, () => resolve(true));
    });
    if (!ok || this.closed) {
      udp.close();
      return false;
    }
    udp.removeAllListeners('error');
    udp.on('error', (err) => this.deps.logger.warn({ err }, 'task DNS resolver error'));
    udp.on('message', (msg, rinfo) => {
      this.respond(msg, rinfo.address)
        .then((reply) => {
          if (reply && this.udp) this.udp.send(reply, rinfo.port, rinfo.address);
        })
        .catch((err) => this.deps.logger.debug({ err }, 'DNS query failed'));
    });
    this.udp = udp;
    this.tcp = await this.bindTcp(udp.address().port);
    this.deps.logger.info({ address: `${this.address}:${udp.address().port}` }, 'task DNS resolver is listening');
    return true;
  }

  /** TCP on the same port; without it UDP still serves (large answers are truncated then). */
  private bindTcp(port: number): Promise<net.Server | null> {
    const server = net.createServer((socket) => this.serveTcp(socket));
    return new Promise((resolve) => {
      server.once('error', (err: NodeJS.ErrnoException) => {
        this.deps.logger.warn({ code: err.code }, 'task DNS resolver: no TCP');
        resolve(null);
      });
      server.listen({ host: this.address, port, exclusive: true }, () => {
        server.removeAllListeners('error');
        server.on('error', (err) => this.deps.logger.warn({ err }, 'task DNS resolver error'));
        resolve(server);
      });
    });
  }

  private serveTcp(socket: net.Socket): void {
    let buffered = Buffer.alloc(0);
    socket.setTimeout(10_000, () => socket.destroy());
    socket.on('error', () => socket.destroy());
    socket.on('data', (chunk) => {
      buffered = Buffer.concat([buffered, chunk]);
      while (buffered.length >= 2 && buffered.length >= 2 + buffered.readUInt16BE(0)) {
        const msg = buffered.subarray(2, 2 + buffered.readUInt16BE(0));
        buffered = buffered.subarray(2 + msg.length);
        this.respond(msg, socket.remoteAddress?.replace(/^::ffff:/, '') ?? '', true)
          .then((reply) => {
            if (!reply || socket.destroyed) return;
            const length = Buffer.alloc(2);
            length.writeUInt16BE(reply.length);
            socket.write(Buffer.concat([length, reply]));
          })
          .catch(() => socket.destroy());
      }
    });
  }

  /** The reply to one query from `source` (null: none can be given, e.g. a packet that is not a query). */
  async respond(msg: Buffer, source: string, overTcp = false): Promise<Buffer | null> {
    let query: packet.DecodedPacket;
    try {
      query = packet.decode(msg);
    } catch {
      return null;
    }
    if (query.type !== 'query' || !query.questions?.length) return null;
    const question = query.questions[0]!;
    const caller = this.deps.callerOf(source);
    const local = caller ? this.deps.answer(caller, question.name, question.type) : null;
    if (local) return encodeAnswer(query, local, overTcp);
    return (await this.forward(msg)) ?? encodeFailure(query);
  }

  /** Sends the query as it is to each upstream in turn; the first reply is relayed unchanged. */
  private async forward(msg: Buffer): Promise<Buffer | null> {
    for (const upstream of this.deps.upstreams) {
      const [host, port] = splitHostPort(upstream);
      const reply = await new Promise<Buffer | null>((resolve) => {
        const socket = dgram.createSocket(net.isIPv6(host) ? 'udp6' : 'udp4');
        const done = (value: Buffer | null) => {
          clearTimeout(timer);
          socket.close();
          resolve(value);
        };
        const timer = setTimeout(() => done(null), UPSTREAM_TIMEOUT_MS);
        socket.on('error', () => done(null));
        socket.on('message', (reply) => done(reply));
        socket.send(msg, port, host);
      });
      if (reply) return reply;
    }
    return null;
  }
}

function splitHostPort(upstream: string): [string, number] {
  const m = /^\[?([^\]]+?)\]?(?::(\d+))?$/.exec(upstream);
  if (m && !net.isIPv6(upstream)) return [m[1]!, m[2] ? Number(m[2]) : DNS_PORT];
  return [upstream, DNS_PORT];
}

function toPacketAnswer(a: DnsRecordAnswer): packet.Answer {
  switch (a.type) {
    case 'A':
    case 'AAAA':
      return { type: a.type, name: a.name, ttl: a.ttl, class: 'IN', data: a.address };
    case 'CNAME':
      return { type: 'CNAME', name: a.name, ttl: a.ttl, class: 'IN', data: a.target };
    case 'SRV':
      return {
        type: 'SRV',
        name: a.name,
        ttl: a.ttl,
        class: 'IN',
        data: { priority: a.priority, weight: a.weight, port: a.port, target: a.target },
      };
  }
}

function encodeAnswer(query: packet.DecodedPacket, answer: DnsAnswer, overTcp: boolean): Buffer {
  const soa: packet.Answer = {
    type: 'SOA',
    name: answer.zone.name,
    ttl: answer.zone.ttl,
    class: 'IN',
    data: {
      mname: 'ns-1536.awsdns-00.co.uk',
      rname: 'awsdns-hostmaster.amazon.com',
      serial: 1,
      refresh: 7200,
      retry: 900,
      expire: 1209600,
      minimum: 86400,
    },
  };
  const rd = query.flag_rd ? packet.RECURSION_DESIRED : 0;
  const build = (answers: packet.Answer[], truncated: boolean) =>
    packet.encode({
      type: 'response',
      id: query.id,
      flags:
        packet.AUTHORITATIVE_ANSWER |
        packet.RECURSION_AVAILABLE |
        rd |
        (truncated ? packet.TRUNCATED_RESPONSE : 0) |
        (answer.rcode === 'NXDOMAIN' ? NXDOMAIN : 0),
      questions: query.questions,
      answers,
      authorities: answers.length === 0 ? [soa] : [],
    });
  const full = build(answer.answers.map(toPacketAnswer), false);
  // Plain DNS over UDP carries 512 bytes; a longer answer says so and the client asks again over TCP.
  return overTcp || full.length <= 512 ? full : build([], true);
}

function encodeFailure(query: packet.DecodedPacket): Buffer {
  return packet.encode({
    type: 'response',
    id: query.id,
    flags: packet.RECURSION_AVAILABLE | (query.flag_rd ? packet.RECURSION_DESIRED : 0) | SERVFAIL,
    questions: query.questions,
  });
}

function advice(code: string | undefined): string {
  switch (code) {
    case 'EACCES':
      return 'port 53 needs root or CAP_NET_BIND_SERVICE; tasks use Docker’s resolver and do not see Cloud Map names.';
    case 'EADDRINUSE':
      return 'another process (another fargate-local?) serves it; this emulator’s tasks use Docker’s resolver.';
    case 'EADDRNOTAVAIL':
      return 'the address is not this host’s (the agent network does not exist yet).';
    default:
      return 'tasks use Docker’s resolver and do not see Cloud Map names.';
  }
}
