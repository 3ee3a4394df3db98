// A reusable HTTP reverse proxy: for each request a `decide` function says where it goes (a target address) or
// what to answer (a fixed response), and the proxy does the rest as an ALB does:
// - keeps connections alive on both sides (one keep-alive agent per proxy);
// - adds X-Forwarded-For (appended), X-Forwarded-Proto and X-Forwarded-Port, and an X-Amzn-Trace-Id;
// - passes WebSocket (and any other) upgrades through, both ways;
// - answers 502 when the target refuses, resets or sends no valid response, 504 when it does not answer within
//   the idle timeout, and 503 when the decision has no target.
// ALB listeners (alb-listener.ts) and, later, Service Connect and blue/green use it with their own `decide`.
import { randomBytes } from 'node:crypto';
import http from 'node:http';
import type { Duplex } from 'node:stream';

export interface ForwardDecision {
  kind: 'forward';
  host: string;
  port: number;
  /** Called once the exchange is over (response finished, failed or the upgraded socket closed). */
  done?: (outcome: 'ok' | 'error' | 'timeout') => void;
}

export interface RespondDecision {
  kind: 'respond';
  status: number;
  headers?: Record<string, string>;
  body?: string;
}

export type ProxyDecision = ForwardDecision | RespondDecision;

export interface ProxyOptions {
  decide(req: http.IncomingMessage): ProxyDecision;
  /** The port clients connected to, for X-Forwarded-Port (the listener's, not the host port it may be mapped to). */
  forwardedPort: number;
  /** How long a target may stay silent before the client gets 504 (ALB's idle timeout, 60 s by default). */
  idleTimeoutMs(): number;
  onError?(err: unknown, context: string): void;
}

/** The hop-by-hop headers a proxy must not pass on (RFC 9110 7.6.1). */
const HOP_BY_HOP = new Set(['connection', 'keep-alive', 'proxy-connection', 'te', 'trailer', 'transfer-encoding', 'upgrade']);

const ERROR_PAGE = (status: number, text: string) =>
  `<html>\r\n<head><title>${status} ${text}</title></head>\r\n<body>\r\n<center><h1>${status} ${text}</h1></center>\r\n</body>\r\n</html>\r\n`;

function traceId(): string {
  return `Root=1-${Math.floor(Date.now() / 1000).toString(16)}-${randomBytes(12).toString('hex')}`;
}

export function forwardedHeaders(req: http.IncomingMessage, forwardedPort: number, upgrade: boolean): http.OutgoingHttpHeaders {
  const out: http.OutgoingHttpHeaders = {};
  const connectionTokens = new Set(
    String(req.headers.connection ?? '')
      .toLowerCase()
      .split(',')
      .map((t) => t.trim()),
  );
  for (const [name, value] of Object.entries(req.headers)) {
    if (value === undefined || HOP_BY_HOP.has(name) || connectionTokens.has(name)) continue;
    out[name] = value;
  }
  const client = (req.socket.remoteAddress ?? '').replace(/^::ffff:/, '');
  const prior = req.headers['x-forwarded-for'];
  out['x-forwarded-for'] = prior ? `${prior}, ${client}` : client;
  out['x-forwarded-proto'] = 'http';
  out['x-forwarded-port'] = String(forwardedPort);
  if (!req.headers['x-amzn-trace-id']) out['x-amzn-trace-id'] = traceId();
  if (upgrade) {
    out.connection = 'upgrade';
    out.upgrade = req.headers.upgrade ?? '';
  }
  return out;
}

const hasBody = (req: http.IncomingMessage) =>
  req.headers['transfer-encoding'] !== undefined || (req.headers['content-length'] !== undefined && req.headers['content-length'] !== '0');

export function errorResponse(res: http.ServerResponse, status: 502 | 503 | 504): void {
  const text = status === 502 ? 'Bad Gateway' : status === 503 ? 'Service Temporarily Unavailable' : 'Gateway Time-out';
  if (res.headersSent) {
    res.destroy();
    return;
  }
  const body = ERROR_PAGE(status, text);
  res.writeHead(status, { server: 'awselb/2.0', 'content-type': 'text/html', 'content-length': Buffer.byteLength(body) });
  res.end(body);
}

export class HttpProxy {
  readonly agent = new http.Agent({ keepAlive: true, maxSockets: 256, maxFreeSockets: 64, scheduling: 'lifo' });

  constructor(private readonly options: ProxyOptions) {}

  /** The request handler for an http.Server. */
  readonly handle = (req: http.IncomingMessage, res: http.ServerResponse): void => {
    let decision: ProxyDecision;
    try {
      decision = this.options.decide(req);
    } catch (err) {
      this.options.onError?.(err, 'routing');
      errorResponse(res, 502);
      return;
    }
    if (decision.kind === 'respond') {
      const body = decision.body ?? '';
      res.writeHead(decision.status, { server: 'awselb/2.0', ...decision.headers, 'content-length': Buffer.byteLength(body) });
      res.end(body);
      req.resume();
      return;
    }
    this.forward(req, res, decision);
  };

  private forward(req: http.IncomingMessage, res: http.ServerResponse, target: ForwardDecision, retried = false): void {
    let finished = false;
    const finish = (outcome: 'ok' | 'error' | 'timeout') => {
      if (finished) return;
      finished = true;
      target.done?.(outcome);
    };
    const upstream = http.request({
      host: target.host,
      port: target.port,
      method: req.method,
      path: req.url,
      headers: forwardedHeaders(req, this.options.forwardedPort, false),
      agent: this.agent,
    });
    upstream.setTimeout(this.options.idleTimeoutMs(), () => {
      finish('timeout');
      errorResponse(res, 504);
      upstream.destroy();
    });
    upstream.on('response', (answer) => {
      const headers: http.OutgoingHttpHeaders = {};
      for (const [name, value] of Object.entries(answer.headers)) {
        if (value !== undefined && !HOP_BY_HOP.has(name)) headers[name] = value;
      }
      res.writeHead(answer.statusCode ?? 502, answer.statusMessage, headers);
      answer.pipe(res);
      answer.on('end', () => finish('ok'));
      answer.on('error', () => {
        finish('error');
        res.destroy();
      });
    });
    upstream.on('error', (err: NodeJS.ErrnoException) => {
      if (finished) return;
      // A kept-alive connection the target closed meanwhile: try once more on a fresh one, when nothing was
      // answered yet and the request has no body to send again.
      if (upstream.reusedSocket && !retried && !res.headersSent && !hasBody(req) && (err.code === 'ECONNRESET' || err.code === 'EPIPE')) {
        finished = true;
        this.forward(req, res, target, true);
        return;
      }
      finish('error');
      errorResponse(res, 502);
    });
    res.on('close', () => {
      if (!res.writableFinished) upstream.destroy();
      finish(res.writableFinished ? 'ok' : 'error');
    });
    if (retried || !hasBody(req)) {
      upstream.end();
      req.resume();
    } else req.pipe(upstream);
  }

  /** The handler for an http.Server's 'upgrade' event (WebSockets). */
  readonly upgrade = (req: http.IncomingMessage, socket: Duplex, head: Buffer): void => {
    socket.on('error', () => socket.destroy());
    let decision: ProxyDecision;
    try {
      decision = this.options.decide(req);
    } catch (err) {
      this.options.onError?.(err, 'routing');
      socket.end('HTTP/1.1 502 Bad Gateway\r\nconnection: close\r\ncontent-length: 0\r\n\r\n');
      return;
    }
    if (decision.kind === 'respond') {
      const body = decision.body ?? '';
      const extra = Object.entries(decision.headers ?? {})
        .map(([k, v]) => `${k}: ${v}\r\n`)
        .join('');
      socket.end(
        `HTTP/1.1 ${decision.status} ${http.STATUS_CODES[decision.status] ?? ''}\r\n${extra}connection: close\r\ncontent-length: ${Buffer.byteLength(body)}\r\n\r\n${body}`,
      );
      return;
    }
    const target = decision;
    const upstream = http.request({
      host: target.host,
      port: target.port,
      method: req.method,
      path: req.url,
      headers: forwardedHeaders(req, this.options.forwardedPort, true),
    });
    upstream.on('upgrade', (answer, upstreamSocket, upstreamHead) => {
      const lines = [`HTTP/1.1 ${answer.statusCode} ${answer.statusMessage}`];
      for (let i = 0; i < answer.rawHeaders.length; i += 2) lines.push(`${answer.rawHeaders[i]}: ${answer.rawHeaders[i + 1]}`);
      socket.write(`${lines.join('\r\n')}\r\n\r\n`);
      if (upstreamHead.length) socket.write(upstreamHead);
      if (head.length) upstreamSocket.write(head);
      upstreamSocket.on('error', () => socket.destroy());
      upstreamSocket.pipe(socket).pipe(upstreamSocket);
      const close = () => {
        target.done?.('ok');
        upstreamSocket.destroy();
        socket.destroy();
      };
      upstreamSocket.once('close', close);
      socket.once('close', close);
    });
    upstream.on('response', (answer) => {
      // The target refused the upgrade: pass its answer on as it is.
      const lines = [`HTTP/1.1 ${answer.statusCode} ${answer.statusMessage}`];
      for (let i = 0; i < answer.rawHeaders.length; i += 2) lines.push(`${answer.rawHeaders[i]}: ${answer.rawHeaders[i + 1]}`);
      socket.write(`${lines.join('\r\n')}\r\n\r\n`);
      answer.pipe(socket);
      target.done?.('ok');
    });
    upstream.on('error', () => {
      target.done?.('error');
      socket.end('HTTP/1.1 502 Bad Gateway\r\nconnection: close\r\ncontent-length: 0\r\n\r\n');
    });
    upstream.end();
  };

  close(): void {
    this.agent.destroy();
  }
}
