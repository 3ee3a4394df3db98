// One health check as ELB runs it: GET <path> on the target's health-check port, answered within the timeout by a
// status the matcher allows. Failures carry ELB's reason codes. The timeout covers the whole check, connecting
// included: a socket timeout would start only once connected and restart with every byte received.
import http from 'node:http';
import { matcherAllows } from '../domain/elbv2/routing.js';
import { REASONS } from '../domain/elbv2/targets.js';

export type ProbeResult = { ok: true } | { ok: false; reason: string; description: string };

export interface ProbeRequest {
  ip: string;
  port: number;
  path: string;
  timeoutMs: number;
  matcher: string;
}

export function probe(req: ProbeRequest): Promise<ProbeResult> {
  return new Promise((resolve) => {
    let settled = false;
    const settle = (r: ProbeResult) => {
      if (settled) return;
      settled = true;
      clearTimeout(deadline);
      resolve(r);
    };
    const call = http.request({
      host: req.ip,
      port: req.port,
      path: req.path,
      method: 'GET',
      headers: { 'user-agent': 'ELB-HealthChecker/2.0', connection: 'close' },
      agent: false,
    });
    const deadline = setTimeout(() => {
      settle({ ok: false, ...REASONS.timeout });
      call.destroy();
    }, req.timeoutMs);
    call.on('response', (res) => {
      res.resume();
      const status = res.statusCode ?? 0;
      settle(matcherAllows(req.matcher, status) ? { ok: true } : { ok: false, ...REASONS.responseCodeMismatch(status) });
    });
    call.on('error', () => settle({ ok: false, ...REASONS.failedHealthChecks }));
    call.end();
  });
}
