// The web app the load balancer and deployment tests put behind a listener, and a plain HTTP GET for their traffic.
import http from 'node:http';
import { defaultVpc } from '../../../src/domain/network/vpc.js';
import { SCOPE } from './docker-emulator.js';

/**
 * busybox httpd on 8080 answering "<revision> <hostname>" at / and "ok" at /health; on SIGTERM it lets in-flight
 * requests finish (1 s) before exiting, as a web server should.
 */
export const WEB_APP = (revision: string) =>
  `echo "${revision} $(hostname)" > /www/index.html; echo ok > /www/health; httpd -f -p 8080 -h /www & pid=$!; ` +
  "trap 'sleep 1; kill $pid; exit 0' TERM; while true; do sleep 1 & wait $!; done";

/** Two subnets of the default VPC, in two zones, as a load balancer needs them. */
export const WEB_SUBNETS = defaultVpc(SCOPE, 0)
  .subnets.map((s) => s.subnetId)
  .slice(0, 2);

const agent = new http.Agent({ keepAlive: true });

/** A GET over a kept-alive connection; a failure answers status 0 with the error as body, never throws. */
export function get(url: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve) => {
    http
      .get(url, { agent, timeout: 10_000 }, (res) => {
        let body = '';
        res.on('data', (c) => (body += c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: body.trim() }));
      })
      .on('error', (err) => resolve({ status: 0, body: String(err) }));
  });
}

/** GET / on a listener with a Host header (rules that route by host name); rejects on a network error or after 3 s. */
export function getByHost(address: string, port: number, host: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = http.request({ host: address, port, path: '/', headers: { Host: host }, timeout: 3000 }, (res) => {
      let body = '';
      res.on('data', (c: Buffer) => (body += c.toString()));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on('timeout', () => req.destroy(new Error('timeout')));
    req.on('error', reject);
    req.end();
  });
}
