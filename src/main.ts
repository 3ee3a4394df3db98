// The composition root: the only place that builds adapters and wires them together.
import type http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { OPERATIONS } from './actions/index.js';
import type { AppDeps } from './app-deps.js';
import type { Config } from './config.js';
import { randomIds } from './domain/ids.js';
import { createTaskAgent, type TaskAgentSetup } from './metadata/setup.js';
import type { AgentNetworkSpec } from './runtime/networks.js';
import { type Clock, systemClock } from './domain/ports.js';
import { HostCredentialsProvider } from './credentials/host-credentials.js';
import type { CredentialsProvider } from './credentials/role-credentials.js';
import { StaticCredentialsProvider } from './credentials/static-credentials.js';
import { StsCredentialsProvider } from './credentials/sts-credentials.js';
import { AwsSecretStore } from './secrets/aws-secret-store.js';
import { FileSecretStore } from './secrets/file-secret-store.js';
import { createLogger, type Logger } from './logger.js';
import { createExpressServer } from './protocol/express-server.js';
import { createApp } from './protocol/server.js';
import { createEc2Service } from './ec2/service.js';
import { createServiceDiscoveryService } from './servicediscovery/service.js';
import { createElbv2Service } from './elbv2/service.js';
import { createLogsService } from './logs/service.js';
import { createCodeDeployService } from './codedeploy/service.js';
import { createAutoScalingService } from './autoscaling/service.js';
import { CodeDeployEngine } from './codedeploy/engine.js';
import { ecsTaskSets } from './codedeploy/support/ecs.js';
import { SegmentedLogStore } from './logstore/segmented-log-store.js';
import { AwslogsShipper } from './engine/awslogs-shipper.js';
import { createIamService } from './iam/service.js';
import { createStsService } from './sts/service.js';
import type { TaskRuntime } from './domain/task-runtime.js';
import { TaskEngine } from './engine/task-engine.js';
import { createDockerClient } from './runtime/docker-client.js';
import { DockerTaskRuntime } from './runtime/docker-task-runtime.js';
import { FaultRegistry } from './engine/fault-registry.js';
import { ServiceScheduler } from './engine/service-scheduler.js';
import { followServiceRegistries } from './engine/service-registries.js';
import { createTaskResolver } from './dns/setup.js';
import { SpotInterrupter } from './engine/spot-interrupter.js';
import { CONTROL_PREFIX, controlRouter } from './control/routes.js';
import { lifecycleRouter } from './control/lifecycle-routes.js';
import { LOAD_BALANCERS_PATH, loadBalancerRouter } from './control/load-balancer-routes.js';
import { LoadBalancing } from './proxy/load-balancing.js';
import type { ProbeRequest, ProbeResult } from './proxy/health-probe.js';
import { drainTaskTargets } from './engine/target-drain.js';
import { DASHBOARD_PATH, dashboardRouter } from './ui/dashboard.js';
import { withOutageGate } from './control/outage-gate.js';
import { EventHub } from './events/event-hub.js';
import { publishEcsEvents } from './events/publishing.js';
import { Store } from './store/store.js';

export interface RunningEmulator {
  runtime: TaskRuntime;
  /** Credentials, secrets and the metadata endpoint at 169.254.170.2. */
  taskAgent: TaskAgentSetup;
  tasks: TaskEngine;
  services: ServiceScheduler;
  /** The load balancers' listeners and health checks. */
  loadBalancing: LoadBalancing;
  events: EventHub;
  /** CloudWatch Logs: groups, streams and events. */
  logs: SegmentedLogStore;
  /** The CODE_DEPLOY deployment controller (CodeDeploy deployments of ECS services). */
  codeDeploy: CodeDeployEngine;
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
  /** Where the task resolver forwards names that are not Cloud Map's; this host's resolvers unless a test passes others. */
  dnsUpstreams?: string[];
  /** The load balancers' health check; real HTTP unless a test on the in-memory runtime passes another. */
  healthProbe?: (req: ProbeRequest) => Promise<ProbeResult>;
}

export async function startEmulator(config: Config, options: StartOptions = {}): Promise<RunningEmulator> {
  const logger = options.logger ?? createLogger(config.logLevel, config.logFormat);
  const store = await Store.open(config.dataDir, { onBackgroundError: (err) => logger.error({ err }, 'writing state failed') });
  const logs = openLogStore(config, logger);
  const runtime = options.runtime ?? (await createDockerRuntime(config, logger));
  // The ECS API is also served to tasks at 169.254.170.2 when their AWS_ENDPOINT_URL points there.
  let ecsApiForTasks: http.RequestListener | undefined;
  const ecsApi = () => (ecsApiForTasks ??= createApp({ deps, operations: OPERATIONS }));
  const taskAgent = createTaskAgent(config, {
    store,
    runtime,
    clock: systemClock,
    ids: randomIds,
    logger,
    ecsApi,
    credentials: credentialsProvider(config, systemClock),
    secretStore:
      config.taskAgent.secretsSource === 'aws'
        ? new AwsSecretStore(config.taskAgent.awsEndpoint)
        : new FileSecretStore(config.taskAgent.secretsFile),
  });

  const taskResolver = createTaskResolver(config, { store, logger, clock: systemClock }, options.dnsUpstreams);
  const containerLogs = new AwslogsShipper({ logs, runtime, clock: systemClock, logger });
  const engineContext = {
    config,
    store,
    runtime,
    agent: taskAgent.agent,
    containerLogs,
    clock: systemClock,
    ids: randomIds,
    logger,
    ...(taskResolver ? { dns: taskResolver } : {}),
  };
  const tasks = new TaskEngine(engineContext);
  const faults = new FaultRegistry(systemClock, randomIds);
  const loadBalancing = new LoadBalancing({
    store,
    clock: systemClock,
    logger,
    host: config.host,
    portRange: config.listenerPortRange,
    probe: options.healthProbe,
  });
  const services = new ServiceScheduler({ ...engineContext, tasks, faults, loadBalancing });
  const events = new EventHub(logger, config.eventsWebhookUrl);
  const stopPublishing = publishEcsEvents(events, tasks, services, randomIds, systemClock);
  const stopRegistries = followServiceRegistries(engineContext, tasks);
  await tasks.start();
  services.start();
  await loadBalancing.start();
  const spot = new SpotInterrupter({
    config,
    store,
    logger,
    tasks,
    clock: systemClock,
    drainTargets: (scope, taskId) => {
      if (drainTaskTargets(store, randomIds, scope, taskId, systemClock.now())) void loadBalancing.changed(scope);
    },
  });
  spot.start();
  const deps: AppDeps = { ...engineContext, tasks, services, faults, loadBalancing };
  const codeDeploy = new CodeDeployEngine(deps, ecsTaskSets, {
    timeScale: config.deploymentTimeScale,
    autoSucceedHooks: config.codeDeployAutoSucceedHooks,
  });
  codeDeploy.start();

  const control = controlRouter({ app: deps, runtime, spot, events });
  const server = createExpressServer(
    createApp({
      deps,
      operations: withOutageGate(OPERATIONS, faults),
      jsonServices: [
        createServiceDiscoveryService(),
        createLogsService(logs),
        createCodeDeployService(codeDeploy),
        createAutoScalingService(),
      ],
      queryServices: [createEc2Service(), createElbv2Service(), createIamService(), createStsService()],
      routers: [
        { path: DASHBOARD_PATH, router: dashboardRouter() },
        { path: `${CONTROL_PREFIX}${LOAD_BALANCERS_PATH}`, router: loadBalancerRouter(loadBalancing) },
        { path: CONTROL_PREFIX, router: lifecycleRouter({ app: deps, runtime, tasks, logs, endpoint: () => endpoint }) },
        { path: CONTROL_PREFIX, router: control },
      ],
    }),
  );
  server.keepAliveTimeout = 65_000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(config.port, config.host, () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  const host = config.host.includes(':') ? `[${config.host}]` : config.host;
  const endpoint = `http://${host === '0.0.0.0' ? '127.0.0.1' : host}:${port}`;
  logger.info({ endpoint, dataDir: config.dataDir ?? '(in memory)' }, 'fargate-local is listening');
  await taskAgent.start();
  const retention = setInterval(() => logs.enforceRetention(systemClock.now()), 15 * 60_000);
  retention.unref();
  await taskResolver?.server.ensureListening({ quiet: true });

  let closing: Promise<void> | null = null;
  return {
    endpoint,
    port,
    deps,
    runtime,
    taskAgent,
    tasks,
    services,
    loadBalancing,
    events,
    logs,
    codeDeploy,
    close() {
      closing ??= (async () => {
        await new Promise<void>((resolve) => {
          server.close(() => resolve());
          server.closeAllConnections();
        });
        spot.close();
        await codeDeploy.close();
        await services.close();
        await loadBalancing.close();
        stopPublishing();
        stopRegistries();
        await events.close();
        await tasks.close();
        await containerLogs.close();
        await taskAgent.close();
        await taskResolver?.server.close();
        await runtime.close();
        clearInterval(retention);
        logs.close();
        await store.close();
      })();
      return closing;
    },
  };
}

/** Log events under <dataDir>/logs (in memory with --in-memory), at most --logs-max-size of them. */
function openLogStore(config: Config, logger: Logger): SegmentedLogStore {
  const maxBytes = config.logsMaxBytes;
  return new SegmentedLogStore({
    dir: config.dataDir === null ? null : path.join(config.dataDir, 'logs'),
    clock: systemClock,
    maxBytes,
    onCapReached: ({ droppedBytes }) =>
      logger.warn(
        { maxBytes, droppedBytes },
        'log storage is full (--logs-max-size): the oldest log events were deleted to stay under it. Set a shorter retention, delete log groups, or raise --logs-max-size.',
      ),
  });
}

/** Where task role (and execution role) credentials come from: --credentials-source. */
function credentialsProvider(config: Config, clock: Clock): CredentialsProvider & { close?(): void } {
  switch (config.taskAgent.credentialsSource) {
    case 'host':
      return new HostCredentialsProvider(clock);
    case 'sts':
      return new StsCredentialsProvider({ endpoint: config.taskAgent.awsEndpoint });
    default:
      return new StaticCredentialsProvider(clock);
  }
}

/**
 * The docker compose deployment's agent network, as compose made it (this emulator is a container on it, at the
 * metadata address): its subnet, gateway and ICC setting are taken as they are. It must be internal and labelled
 * fargate-local.role=agent-network (the runtime checks). When it cannot be inspected, the usual layout is assumed.
 */
async function existingAgentNetwork(
  docker: ReturnType<typeof createDockerClient>,
  name: string,
  logger: Logger,
): Promise<AgentNetworkSpec> {
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
    firewallPullImage: config.firewallImage,
    ...(network ? { agentNetwork: await existingAgentNetwork(docker, network, logger) } : {}),
    // Docker names a container's host after its id: that is how the emulator finds its own container.
    ...(config.joinVpcNetworks ? { selfContainer: os.hostname() } : {}),
  });
  if (!(await runtime.available())) {
    logger.warn(
      'no Docker engine answers: the API works, but tasks will fail to start. Start one (Debian: scripts/docker-engine.sh; elsewhere Docker Desktop) or set DOCKER_HOST.',
    );
  }
  return runtime;
}
