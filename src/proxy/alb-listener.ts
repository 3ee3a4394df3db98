// One ALB listener as the proxy's decision: the listener's rules and default actions over a snapshot of its
// target groups, refreshed whenever the state changes. Fixed responses and redirects are answered here;
// forwards go to the target the picker chooses, or get 503 when the chosen groups have no routable target.
import type http from 'node:http';
import type { ActionRecord } from '../domain/elbv2/records.js';
import { redirectLocation, route, terminalAction, type RoutingRule } from '../domain/elbv2/routing.js';
import type { ProxyDecision } from './http-proxy.js';
import { TargetPicker, type PickableGroup } from './target-picker.js';

export interface ListenerSnapshot {
  port: number;
  rules: readonly RoutingRule[];
  defaultActions: readonly ActionRecord[];
  targetGroups: ReadonlyMap<string, Omit<PickableGroup, 'weight'>>;
  idleTimeoutMs: number;
}

const NO_TARGET: ProxyDecision = {
  kind: 'respond',
  status: 503,
  headers: { 'content-type': 'text/html' },
  body: '<html>\r\n<head><title>503 Service Temporarily Unavailable</title></head>\r\n<body>\r\n<center><h1>503 Service Temporarily Unavailable</h1></center>\r\n</body>\r\n</html>\r\n',
};

export class AlbListener {
  private readonly picker = new TargetPicker();

  constructor(public snapshot: ListenerSnapshot) {}

  decide(req: http.IncomingMessage): ProxyDecision {
    const snap = this.snapshot;
    const url = new URL(req.url ?? '/', 'http://x');
    const hostHeader = req.headers.host ?? '';
    const host = hostHeader.replace(/:\d+$/, '');
    const actions = route(snap.rules, snap.defaultActions, {
      method: req.method ?? 'GET',
      path: url.pathname,
      host,
      headers: req.headers,
      query: [...url.searchParams],
      sourceIp: (req.socket.remoteAddress ?? '').replace(/^::ffff:/, ''),
    });
    const action = terminalAction(actions);
    if (!action) return NO_TARGET;
    if (action.fixedResponse) {
      const f = action.fixedResponse;
      return {
        kind: 'respond',
        status: Number(f.statusCode),
        headers: { 'content-type': f.contentType ?? 'text/plain; charset=utf-8' },
        body: f.messageBody ?? '',
      };
    }
    if (action.redirect) {
      const location = redirectLocation(action.redirect, {
        protocol: 'http',
        host,
        port: snap.port,
        path: url.pathname,
        query: url.search.replace(/^\?/, ''),
      });
      return { kind: 'respond', status: action.redirect.statusCode === 'HTTP_301' ? 301 : 302, headers: { location }, body: '' };
    }
    const groups: PickableGroup[] = (action.forward?.targetGroups ?? []).flatMap((g) => {
      const tg = snap.targetGroups.get(g.targetGroupArn);
      return tg ? [{ ...tg, weight: g.weight }] : [];
    });
    const picked = this.picker.pick(groups);
    if (!picked) return NO_TARGET;
    return { kind: 'forward', host: picked.target.ip, port: picked.target.port };
  }
}
