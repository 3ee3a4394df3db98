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
import { createEc2Service } from './ec2/service.js';
import type { TaskRuntime } from './domain/task-runtime.js';
import { TaskEngine } from './engine/task-engine.js';
import { createDockerClient } from './runtime/docker-client.js';
import { DockerTaskRuntime } from './runtime/docker-task-runtime.js';
import { Store } from './store/store.js';

export interface RunningEmulator {
  runtime: TaskRuntime;
  tasks: TaskEngine;
  /** http://host:port of the API. */
  endpoint: string;
  port: number;
  deps: AppDeps;
  close(): Promise<void>;
}

export interface StartOptions {
  logger?: Logger;
  /** The task runtime; Docker unless a test passes another. */
  runtime?: TaskRuntime;
}

export async function startEmulator(config: Config, options: StartOptions = {}): Promise<RunningEmulator> {
  const logger = options.logger ?? createLogger(config.logLevel);
  const store = await Store.open(config.dataDir, (err) => logger.error({ err }, 'writing state failed'));
  const runtime = options.runtime ?? (await createDockerRuntime(config, logger));
  const engineContext = { config, store, runtime, clock: systemClock, ids: randomIds, logger };
  const tasks = new TaskEngine(engineContext);
  await tasks.start();
  const deps: AppDeps = { ...engineContext, tasks };

  const server = http.createServer(createApp({ deps, operations: OPERATIONS, queryServices: [createEc2Service()] }));
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
    runtime,
    tasks,
    close() {
      closing ??= (async () => {
        await new Promise<void>((resolve) => {
          server.close(() => resolve());
          server.closeAllConnections();
        });
        await tasks.close();
        await runtime.close();
        await store.close();
      })();
      return closing;
    },
  };
}

async function createDockerRuntime(config: Config, logger: Logger): Promise<TaskRuntime> {
  const runtime = new DockerTaskRuntime({
    docker: createDockerClient(config),
    instanceId: config.instanceId,
    logger,
    clock: systemClock,
    firewallPullImage: config.firewallImage,
  });
  if (!(await runtime.available())) {
    logger.warn(
      'no Docker engine answers: the API works, but tasks will fail to start. Start one (Debian: scripts/docker-engine.sh; elsewhere Docker Desktop) or set DOCKER_HOST.',
    );
  }
  return runtime;
}
