// Keeps web pages from driving the emulator, in front of every route on the API port (ECS, EC2, the other
// services, the control API and the dashboard). The API has no authentication and can run any image on the
// user's Docker engine, so:
//   - Host: only loopback names (`localhost`, `*.localhost`), IP addresses and names the user allows. A page that
//     rebinds its own DNS name to 127.0.0.1 still sends that name, and is refused (DNS rebinding).
//   - Origin: a state-changing request (anything but GET/HEAD) that a browser sent from another site is refused,
//     even the form POSTs a browser sends without a preflight. Same-origin requests (the dashboard) and the
//     origins the user configures pass; clients that are not browsers send no Origin and pass.
//   - CORS: preflights are answered for the configured origins only, and their answers carry the CORS headers.
import { isIP } from 'node:net';
import type { NextFunction, Request, RequestHandler, Response } from 'express';

export interface BrowserGuardOptions {
  /** Host names accepted besides loopback names and IP addresses (case-insensitive). */
  allowedHosts: readonly string[];
  /** Origins (`scheme://host[:port]`) allowed to call the API from a browser. */
  corsOrigins: readonly string[];
}

const SAFE_METHODS = new Set(['GET', 'HEAD']);
const EXPOSED_HEADERS = 'x-amzn-RequestId, x-amzn-ErrorType, x-amz-request-id';

/** The host name of a Host header (`[::1]:4599` -> `::1`, `Example.localhost:80` -> `example.localhost`). */
export function hostNameOf(hostHeader: string): string {
  const h = hostHeader.trim().toLowerCase();
  if (h.startsWith('[')) return h.slice(1, h.indexOf(']') === -1 ? undefined : h.indexOf(']'));
  const colon = h.lastIndexOf(':');
  return (colon === -1 ? h : h.slice(0, colon)).replace(/\.$/, '');
}

export function isAllowedHost(hostHeader: string | undefined, allowed: readonly string[]): boolean {
  if (!hostHeader) return false;
  const name = hostNameOf(hostHeader);
  if (name === '') return false;
  if (isIP(name) !== 0) return true;
  if (name === 'localhost' || name.endsWith('.localhost')) return true;
  return allowed.some((a) => a.toLowerCase() === name);
}

/** The origin a URL or Origin header names, normalised (`HTTP://LocalHost:80/` -> `http://localhost`), or null. */
export function normaliseOrigin(value: string): string | null {
  try {
    const url = new URL(value);
    return url.origin === 'null' ? null : url.origin.toLowerCase();
  } catch {
    return null;
  }
}

export function browserGuard(options: BrowserGuardOptions): RequestHandler {
  const configured = new Set(options.corsOrigins.map(normaliseOrigin).filter((o): o is string => o !== null));
  return (req: Request, res: Response, next: NextFunction) => {
    const host = req.headers.host;
    if (!isAllowedHost(host, options.allowedHosts)) {
      refuse(
        res,
        `Host ${JSON.stringify(host ?? '')} is not allowed. Use localhost or an IP address, or add the name with --allowed-hosts.`,
      );
      return;
    }
    const originHeader = req.headers.origin;
    if (originHeader === undefined) return next();
    const origin = normaliseOrigin(originHeader);
    const sameOrigin =
      origin !== null && host !== undefined && (origin === `http://${host.toLowerCase()}` || origin === `https://${host.toLowerCase()}`);
    const allowedOrigin = origin !== null && configured.has(origin);
    if (allowedOrigin) {
      res.setHeader('Access-Control-Allow-Origin', origin);
      res.setHeader('Vary', 'Origin');
      res.setHeader('Access-Control-Expose-Headers', EXPOSED_HEADERS);
    }
    if (req.method === 'OPTIONS' && req.headers['access-control-request-method'] !== undefined) {
      if (!allowedOrigin) {
        refuse(res, `Origin ${originHeader} is not allowed. Add it with --cors-origins.`);
        return;
      }
      res.setHeader('Access-Control-Allow-Methods', 'GET, HEAD, POST, PUT, PATCH, DELETE');
      const requested = req.headers['access-control-request-headers'];
      if (requested) res.setHeader('Access-Control-Allow-Headers', requested);
      res.setHeader('Access-Control-Max-Age', '600');
      res.status(204).end();
      return;
    }
    if (!SAFE_METHODS.has(req.method) && !sameOrigin && !allowedOrigin) {
      refuse(res, `Requests from the web page at ${originHeader} are refused. Add the origin with --cors-origins to allow it.`);
      return;
    }
    next();
  };
}

function refuse(res: Response, message: string): void {
  res.status(403);
  res.setHeader('Content-Type', 'application/json');
  res.send(JSON.stringify({ __type: 'AccessDeniedException', message }));
}
