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
import type { TaskRuntime } from './domain/task-runtime.js';
import { TaskEngine } from './engine/task-engine.js';
import { createTaskAgent, type TaskAgentSetup } from './metadata/setup.js';
import { createDockerClient } from './runtime/docker-client.js';
import { DockerTaskRuntime } from './runtime/docker-task-runtime.js';
import type { AgentNetworkSpec } from './runtime/networks.js';
import { Store } from './store/store.js';

export interface RunningEmulator {
  runtime: TaskRuntime;
  tasks: TaskEngine;
  /** http://host:port of the API. */
  endpoint: string;
  port: number;
  deps: AppDeps;
  /** Credentials, secrets and the metadata endpoint at 169.254.170.2. */
  taskAgent: TaskAgentSetup;
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
  let api: http.RequestListener | undefined;
  const taskAgent = createTaskAgent(config, { store, runtime, clock: systemClock, ids: randomIds, logger, ecsApi: () => api });
  const engineContext = { config, store, runtime, clock: systemClock, ids: randomIds, logger, agent: taskAgent.agent };
  const tasks = new TaskEngine(engineContext);
  await tasks.start();
  await taskAgent.start();
  const deps: AppDeps = { ...engineContext, tasks };

  api = createApp({ deps, operations: OPERATIONS });
  const server = http.createServer(api);
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
    taskAgent,
    close() {
      closing ??= (async () => {
        await new Promise<void>((resolve) => {
          server.close(() => resolve());
          server.closeAllConnections();
        });
        await taskAgent.close();
        await tasks.close();
        await runtime.close();
        await store.close();
      })();
      return closing;
    },
  };
}

/**
 * The docker compose deployment's agent network, as compose made it (this emulator is a container on it, at the
 * metadata address): its subnet, gateway and ICC setting are taken as they are. It must be internal and labelled
 * fargate-local.role=agent-network (the runtime checks). When it cannot be inspected, the usual layout is assumed.
 */
async function existingAgentNetwork(docker: ReturnType<typeof createDockerClient>, name: string, logger: Logger): Promise<AgentNetworkSpec> {
  try {
    const info = (await docker.getNetwork(name).inspect()) as {
      IPAM?: { Config?: { Subnet?: string; Gateway?: string; IPRange?: string }[] };
      Options?: Record<string, string>;
    };
    const ipam = info.IPAM?.Config?.[0] ?? {};
    if (!ipam.Subnet) throw new Error(`network ${name} has no IPv4 subnet`);
    return {
      name,
      subnet: ipam.Subnet,
      gateway: ipam.Gateway ?? '',
      ipRange: ipam.IPRange ?? ipam.Subnet,
      enableIcc: (info.Options?.['com.docker.network.bridge.enable_icc'] ?? 'true') === 'true',
    };
  } catch (err) {
    logger.error({ err, network: name }, 'the agent network to join cannot be inspected; tasks will fail to start until it exists');
    return { name, subnet: '169.254.0.0/16', gateway: '169.254.170.1', ipRange: '169.254.176.0/20', enableIcc: true };
  }
}

async function createDockerRuntime(config: Config, logger: Logger): Promise<TaskRuntime> {
  const docker = createDockerClient(config);
  const network = config.taskAgent.agentNetwork;
  const runtime = new DockerTaskRuntime({
    docker,
    instanceId: config.instanceId,
    logger,
    clock: systemClock,
    ...(network ? { agentNetwork: await existingAgentNetwork(docker, network, logger) } : {}),
  });
  if (!(await runtime.available())) {
    logger.warn(
      'no Docker engine answers: the API works, but tasks will fail to start. Start one (Debian: scripts/docker-engine.sh; elsewhere Docker Desktop) or set DOCKER_HOST.',
    );
  }
  return runtime;
}
