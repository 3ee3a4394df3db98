// Binding a listener on the host: its own port when that is free and this process may bind it, else a free one
// (a port below 1024 needs root; a port another program or load balancer holds is taken); or, with a port range
// (the only ports a container publishes), the first free port of the range. The caller reports the mapping.
import type http from 'node:http';
import type { AddressInfo } from 'node:net';

export const mayBindPrivileged = () => process.platform === 'win32' || process.getuid?.() === 0;

function listen(server: http.Server, port: number, host: string): Promise<boolean> {
  return new Promise((resolve) => {
    const onError = () => {
      server.off('listening', onListening);
      resolve(false);
    };
    const onListening = () => {
      server.off('error', onError);
      resolve(true);
    };
    server.once('error', onError);
    server.once('listening', onListening);
    server.listen(port, host);
  });
}

export interface PortRange {
  from: number;
  to: number;
}

/** Listens on `port` when possible, else on a free port (of `range` when given); returns the port in use. */
export async function bindListener(
  server: http.Server,
  port: number,
  host: string,
  privileged = mayBindPrivileged(),
  range: PortRange | null = null,
): Promise<number> {
  if (range) {
    for (let p = range.from; p <= range.to; p++) if (await listen(server, p, host)) return p;
    throw new Error(`no free port left in ${range.from}-${range.to} for a listener (--listener-port-range)`);
  }
  if ((port >= 1024 || privileged) && (await listen(server, port, host))) return port;
  if (!(await listen(server, 0, host))) throw new Error(`cannot listen on ${host}`);
  return (server.address() as AddressInfo).port;
}
