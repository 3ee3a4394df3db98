// fargate-local/testing: an emulator for a test suite, in-process.
//   const emulator = await startFargateLocal();            // in memory, on a free port, ready when it resolves
//   const ecs = new ECSClient(emulator.clientConfig);      // any @aws-sdk client: ECS, EC2, Logs, ELBv2, Cloud Map...
//   afterEach(() => emulator.reset());                     // a clean slate per test, faster than a restart
//   afterAll(() => emulator.stop());                       // also removes every container and network it started
import { readConfig, type Config } from '../config.js';
import { FargateLocalControl, type HealthStatus } from '../client/control-client.js';
import { startEmulator, type RunningEmulator } from '../main.js';

export interface StartOptions {
  /** The command line's flags (`['--pull-policy', 'always']`), read as `fargate-local` reads them. */
  args?: string[];
  /** Environment variables read as the command line reads them (default: none of the process's own). */
  env?: Record<string, string | undefined>;
  /** Keep state on disk in this directory instead of in memory. */
  dataDir?: string;
  /** Region the client configuration signs for (default us-east-1). */
  region?: string;
}

/** What any AWS SDK for JavaScript v3 client needs to talk to the emulator: `new XClient(emulator.clientConfig)`. */
export interface ClientConfig {
  endpoint: string;
  region: string;
  credentials: { accessKeyId: string; secretAccessKey: string };
}

export interface FargateLocal {
  /** http://127.0.0.1:<port>: every service (ECS, EC2, Logs, ELBv2, Cloud Map, Application Auto Scaling, IAM, STS) and the control API. */
  endpoint: string;
  region: string;
  /** For any @aws-sdk client; every service is on the one endpoint. */
  clientConfig: ClientConfig;
  /** The same configuration by service, for readability: `new ECSClient(emulator.clients.ecs)`. */
  clients: Readonly<Record<'ecs' | 'ec2' | 'logs' | 'elbv2' | 'serviceDiscovery' | 'applicationAutoScaling' | 'iam' | 'sts', ClientConfig>>;
  /** The control API client (faults, Spot interruptions, events, reset). */
  control: FargateLocalControl;
  /** The effective configuration. */
  config: Config;
  health(): Promise<HealthStatus>;
  /** Clears all state (or one account/region), removing the tasks' containers and networks. */
  reset(scope?: { accountId?: string; region?: string }): Promise<void>;
  /** Resets, then stops the emulator. Safe to call twice. */
  stop(): Promise<void>;
}

let started = 0;

export async function startFargateLocal(options: StartOptions = {}): Promise<FargateLocal> {
  started += 1;
  const args = [
    '--port',
    '0',
    // Its own name on the Docker engine, so its containers and networks are told apart from any other emulator's.
    '--instance-id',
    `testing-${process.pid}-${started}`,
    ...(options.dataDir ? ['--data-dir', options.dataDir] : ['--in-memory']),
    ...(options.args ?? []),
  ];
  const config = readConfig(args, options.env ?? {}, process.cwd());
  const emulator: RunningEmulator = await startEmulator(config);
  const region = options.region ?? config.defaultRegion;
  const clientConfig: ClientConfig = { endpoint: emulator.endpoint, region, credentials: { accessKeyId: 'test', secretAccessKey: 'test' } };
  const control = new FargateLocalControl(emulator.endpoint);
  await waitUntilAnswering(control);
  let stopping: Promise<void> | null = null;
  return {
    endpoint: emulator.endpoint,
    region,
    clientConfig,
    clients: {
      ecs: clientConfig,
      ec2: clientConfig,
      logs: clientConfig,
      elbv2: clientConfig,
      serviceDiscovery: clientConfig,
      applicationAutoScaling: clientConfig,
      iam: clientConfig,
      sts: clientConfig,
    },
    control,
    config,
    health: () => control.health(),
    async reset(scope) {
      await control.reset(scope);
    },
    stop() {
      stopping ??= (async () => {
        await control.reset().catch(() => undefined);
        await emulator.close();
      })();
      return stopping;
    },
  };
}

async function waitUntilAnswering(control: FargateLocalControl): Promise<void> {
  for (let attempt = 0; ; attempt++) {
    try {
      await control.health();
      return;
    } catch (err) {
      if (attempt >= 50) throw err;
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  }
}
