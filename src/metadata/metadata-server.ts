// The second HTTP server: 169.254.170.2:80, where tasks find their metadata and credentials.
//
// On the host (design A) that address belongs to the agent network's bridge, which exists once the runtime has made
// the network: the server binds when the first task is prepared (and tries at start-up, for tasks adopted after a
// restart). In the docker compose deployment (design B) the address is this container's own. Only one process can
// serve it: binding fails with a clear warning (another emulator holds it; port 80 needs root or
// CAP_NET_BIND_SERVICE), never a crash, and is tried again when a later task starts. close() releases it, so
// emulators can follow one another on one engine.
import http, { type RequestListener } from 'node:http';
import type { Clock } from '../domain/ports.js';
import type { Logger } from '../logger.js';

/** A failed bind is not retried more often than this. */
const RETRY_AFTER_MS = 5_000;

function advice(code: string | undefined, where: string): string {
  switch (code) {
    case 'EACCES':
      return (
        `binding ${where} needs root or CAP_NET_BIND_SERVICE. Run fargate-local as root, or grant node the capability ` +
        '(sudo setcap cap_net_bind_service=+ep "$(readlink -f "$(command -v node)")"), or allow low ports ' +
        '(sudo sysctl net.ipv4.ip_unprivileged_port_start=80), or use the docker compose deployment.'
      );
    case 'EADDRINUSE':
      return `another process (another fargate-local?) serves ${where}; this emulator's tasks get no metadata or credentials until it stops.`;
    case 'EADDRNOTAVAIL':
      return `${where.split(':')[0]} is not an address of this host: the agent network (whose bridge holds it) does not exist yet, or this emulator runs in a container that is not on it at that address.`;
    default:
      return `cannot serve ${where}.`;
  }
}

export class MetadataServer {
  private server: http.Server | null = null;
  private binding: Promise<boolean> | null = null;
  private failedAt = -Infinity;
  private closed = false;

  constructor(
    private readonly app: RequestListener,
    private readonly address: string,
    private readonly port: number,
    private readonly logger: Logger,
    private readonly clock: Clock,
  ) {}

  get listening(): boolean {
    return this.server !== null;
  }

  /**
   * Binds unless already bound. Resolves whether it is serving; never throws. `quiet` keeps an address that does
   * not exist yet out of the log (start-up, before any task made the agent network).
   */
  ensureListening(options: { quiet?: boolean } = {}): Promise<boolean> {
    if (this.closed) return Promise.resolve(false);
    if (this.server) return Promise.resolve(true);
    if (this.binding) return this.binding;
    if (this.clock.now() - this.failedAt < RETRY_AFTER_MS) return Promise.resolve(false);
    this.binding = this.bind(options.quiet ?? false).finally(() => {
      this.binding = null;
    });
    return this.binding;
  }

  async close(): Promise<void> {
    this.closed = true;
    await this.binding;
    const server = this.server;
    this.server = null;
    if (!server) return;
    await new Promise<void>((resolve) => {
      server.close(() => resolve());
      server.closeAllConnections();
    });
  }

  private bind(quiet: boolean): Promise<boolean> {
    const where = `${this.address}:${this.port}`;
    const server = http.createServer(this.app);
    server.keepAliveTimeout = 5_000;
    return new Promise<boolean>((resolve) => {
      const onBindError = (err: NodeJS.ErrnoException) => {
        // The start-up attempt, before any task made the agent network, must not hold back the first task's own.
        if (!(quiet && err.code === 'EADDRNOTAVAIL')) this.failedAt = this.clock.now();
        const message = `task metadata endpoint unavailable: ${advice(err.code, where)}`;
        if (quiet && err.code === 'EADDRNOTAVAIL') this.logger.debug({ code: err.code }, message);
        else this.logger.warn({ code: err.code }, message);
        resolve(false);
      };
      server.once('error', onBindError);
      server.listen({ host: this.address, port: this.port, exclusive: true }, () => {
        server.removeListener('error', onBindError);
        server.on('error', (err) => this.logger.warn({ err }, 'task metadata endpoint error'));
        if (this.closed) {
          server.close();
          resolve(false);
          return;
        }
        this.server = server;
        this.logger.info({ address: where }, 'task metadata endpoint is listening');
        resolve(true);
      });
    });
  }
}
