// The composition root: the only place that builds adapters and wires them together.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { OPERATIONS } from './actions/index.js';
import type { AppDeps } from './actions/context.js';
import type { Config } from './config.js';
import { randomIds } from './domain/ids.js';
import { systemClock } from './domain/ports.js';
import { createLogger, type Logger } from './logger.js';
import { createApp } from './protocol/server.js';
import { Store } from './store/store.js';

export interface RunningEmulator {
  /** http://host:port of the API. */
  endpoint: string;
  port: number;
  deps: AppDeps;
  close(): Promise<void>;
}

export async function startEmulator(config: Config, logger: Logger = createLogger(config.logLevel)): Promise<RunningEmulator> {
  const store = await Store.open(config.dataDir, (err) => logger.error({ err }, 'writing state failed'));
  const deps: AppDeps = { config, store, clock: systemClock, ids: randomIds, logger };

  const server = http.createServer(createApp({ deps, operations: OPERATIONS }));
  server.keepAliveTimeout = 65_000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(config.port, config.host, () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  const host = config.host.includes(':') ? `[${config.host}]` : config.host;
  const endpoint = `http://${host === '0.0.0.0' ? '127.0.0.1' : host}:${port}`;
  logger.info({ endpoint, dataDir: config.dataDir ?? '(in memory)' }, 'fargate-local is listening');

  let closing: Promise<void> | null = null;
  return {
    endpoint,
    port,
    deps,
    close() {
      closing ??= (async () => {
        await new Promise<void>((resolve) => {
          server.close(() => resolve());
          server.closeAllConnections();
        });
        await store.close();
      })();
      return closing;
    },
  };
}
