// The one place that reads configuration: command-line flags first, then environment variables, then defaults.
// Nothing else in src/ reads process.env or process.argv.
import path from 'node:path';
import { Command, InvalidArgumentError, Option } from 'commander';

export type PullPolicy = 'always' | 'once' | 'prefer-cached';
export type LogLevel = 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';

export interface Config {
  /** API port; 0 picks a free one (tests). */
  port: number;
  host: string;
  /** Directory for persistent state; null means in-memory (nothing survives the process). */
  dataDir: string | null;
  defaultAccountId: string;
  defaultRegion: string;
  logLevel: LogLevel;
  /** How long a STOPPED task stays describable. */
  stoppedTaskRetentionMs: number;
  /** Image pull behaviour, as the ECS agent's ECS_IMAGE_PULL_BEHAVIOR. */
  pullPolicy: PullPolicy;
  /** Launches started at once; dockerd tops out near three task starts a second on two cores. */
  launchConcurrency: number;
  /** Keep the containers of stopped tasks (debugging). */
  keepStoppedContainers: boolean;
  /** Docker engine: DOCKER_HOST is honoured by dockerode itself when this is null. */
  dockerSocket: string | null;
  /** Label value that scopes every Docker object this emulator creates (several emulators can share an engine). */
  instanceId: string;
  /** Enforce security groups (and private subnets' lack of internet access) inside each task's network namespace. */
  enforceSecurityGroups: boolean;
  /** Make the host subject to the security groups too (by default it reaches every task, like `curl <task-ip>`). */
  securityGroupsApplyToHost: boolean;
  /** Publish every task's container ports on 127.0.0.1 (hosts where task IPs are not routable: Docker Desktop). */
  publishTaskPorts: boolean;
  /** Image with iptables pulled when none can be built from this host's; null never pulls. */
  firewallImage: string | null;
}

export const DEFAULTS = {
  port: 4599,
  host: '127.0.0.1',
  dataDir: '.fargate-local',
  defaultAccountId: '000000000000',
  defaultRegion: 'us-east-1',
  logLevel: 'info' as LogLevel,
  stoppedTaskRetentionSeconds: 3600,
  pullPolicy: 'prefer-cached' as PullPolicy,
  launchConcurrency: 4,
  instanceId: 'default',
  firewallImage: 'registry.k8s.io/build-image/distroless-iptables:v0.8.7',
};

const LOG_LEVELS: LogLevel[] = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'];
const PULL_POLICIES: PullPolicy[] = ['always', 'once', 'prefer-cached'];

function int(name: string, min: number, max: number) {
  return (value: string): number => {
    const n = Number(value);
    if (!Number.isInteger(n) || n < min || n > max) {
      throw new InvalidArgumentError(`${name} must be a whole number from ${min} to ${max}.`);
    }
    return n;
  };
}

function accountId(value: string): string {
  if (!/^\d{12}$/.test(value)) throw new InvalidArgumentError('an account id is 12 digits.');
  return value;
}

export function buildCommand(env: NodeJS.ProcessEnv): Command {
  const e = (name: string) => (env[name] === '' ? undefined : env[name]);
  return new Command('fargate-local')
    .description('A local, AWS-compatible emulator of Amazon ECS on Fargate.')
    .addOption(new Option('-p, --port <port>', 'API port').env('PORT').argParser(int('port', 0, 65535)).default(DEFAULTS.port))
    .addOption(new Option('--host <address>', 'address the API listens on').env('HOST').default(DEFAULTS.host))
    .addOption(
      new Option('-d, --data-dir <dir>', 'directory for persistent state').env('FARGATE_LOCAL_DATA_DIR').default(DEFAULTS.dataDir),
    )
    .addOption(new Option('--in-memory', 'keep state in memory only (throwaway runs)').env('FARGATE_LOCAL_IN_MEMORY'))
    .addOption(
      new Option('--account-id <id>', 'default account id').env('FARGATE_LOCAL_ACCOUNT_ID').argParser(accountId).default(DEFAULTS.defaultAccountId),
    )
    .addOption(new Option('--region <region>', 'default region').env('FARGATE_LOCAL_REGION').default(e('AWS_DEFAULT_REGION') ?? DEFAULTS.defaultRegion))
    .addOption(new Option('--log-level <level>', 'log level').env('LOG_LEVEL').choices(LOG_LEVELS).default(DEFAULTS.logLevel))
    .addOption(
      new Option('--stopped-task-retention <seconds>', 'how long stopped tasks stay describable')
        .env('FARGATE_LOCAL_STOPPED_TASK_RETENTION')
        .argParser(int('stopped-task-retention', 0, 30 * 24 * 3600))
        .default(DEFAULTS.stoppedTaskRetentionSeconds),
    )
    .addOption(
      new Option('--pull-policy <policy>', 'image pull behaviour').env('FARGATE_LOCAL_PULL_POLICY').choices(PULL_POLICIES).default(DEFAULTS.pullPolicy),
    )
    .addOption(
      new Option('--launch-concurrency <n>', 'task launches run at once')
        .env('FARGATE_LOCAL_LAUNCH_CONCURRENCY')
        .argParser(int('launch-concurrency', 1, 64))
        .default(DEFAULTS.launchConcurrency),
    )
    .addOption(new Option('--keep-stopped-containers', 'keep the containers of stopped tasks').env('FARGATE_LOCAL_KEEP_STOPPED_CONTAINERS'))
    .addOption(new Option('--docker-socket <path>', 'Docker engine socket (default: DOCKER_HOST or /var/run/docker.sock)').env('FARGATE_LOCAL_DOCKER_SOCKET'))
    .addOption(
      new Option('--instance-id <id>', 'names this emulator on a shared Docker engine').env('FARGATE_LOCAL_INSTANCE_ID').default(DEFAULTS.instanceId),
    )
    .addOption(new Option('--no-security-groups', 'do not enforce security groups (nor private subnets) in tasks (env FARGATE_LOCAL_NO_SECURITY_GROUPS)'))
    .addOption(
      new Option('--security-groups-apply-to-host', 'the host reaches tasks only as their security groups allow').env(
        'FARGATE_LOCAL_SECURITY_GROUPS_APPLY_TO_HOST',
      ),
    )
    .addOption(new Option('--publish-task-ports', "publish tasks' container ports on 127.0.0.1").env('FARGATE_LOCAL_PUBLISH_TASK_PORTS'))
    .addOption(
      new Option('--firewall-image <image>', "image with iptables to pull where the host's own cannot be used ('' never pulls)")
        .env('FARGATE_LOCAL_FIREWALL_IMAGE')
        .default(DEFAULTS.firewallImage),
    );
}

function truthy(v: unknown): boolean {
  if (typeof v === 'boolean') return v;
  if (typeof v === 'string') return !['', '0', 'false', 'no', 'off'].includes(v.toLowerCase());
  return false;
}

/** Reads the configuration from argv (without node and script) and env; throws commander errors on bad input. */
export function readConfig(argv: string[], env: NodeJS.ProcessEnv, cwd: string): Config {
  const command = buildCommand(env).exitOverride();
  command.parse(argv, { from: 'user' });
  const o = command.opts();
  // A boolean flag set from the environment counts only if its value is truthy (commander turns it on for any value).
  const flag = (key: string, envVar: string) => (command.getOptionValueSource(key) === 'env' ? truthy(env[envVar]) : truthy(o[key]));
  return {
    port: o.port,
    host: o.host,
    dataDir: truthy(o.inMemory) ? null : path.resolve(cwd, o.dataDir),
    defaultAccountId: o.accountId,
    defaultRegion: o.region,
    logLevel: o.logLevel,
    stoppedTaskRetentionMs: o.stoppedTaskRetention * 1000,
    pullPolicy: o.pullPolicy,
    launchConcurrency: o.launchConcurrency,
    keepStoppedContainers: truthy(o.keepStoppedContainers),
    dockerSocket: o.dockerSocket ?? null,
    instanceId: o.instanceId,
    // commander sets securityGroups=false for --no-security-groups; the variable counts when set to a true value.
    enforceSecurityGroups: o.securityGroups !== false && !truthy(env.FARGATE_LOCAL_NO_SECURITY_GROUPS),
    securityGroupsApplyToHost: flag('securityGroupsApplyToHost', 'FARGATE_LOCAL_SECURITY_GROUPS_APPLY_TO_HOST'),
    publishTaskPorts: flag('publishTaskPorts', 'FARGATE_LOCAL_PUBLISH_TASK_PORTS'),
    firewallImage: o.firewallImage ? o.firewallImage : null,
  };
}

/** A configuration for embedding (tests, benchmarks): defaults, in memory, a free port, quiet. */
export function testConfig(overrides: Partial<Config> = {}): Config {
  return {
    port: 0,
    host: '127.0.0.1',
    dataDir: null,
    defaultAccountId: DEFAULTS.defaultAccountId,
    defaultRegion: DEFAULTS.defaultRegion,
    logLevel: 'silent',
    stoppedTaskRetentionMs: DEFAULTS.stoppedTaskRetentionSeconds * 1000,
    pullPolicy: DEFAULTS.pullPolicy,
    launchConcurrency: DEFAULTS.launchConcurrency,
    keepStoppedContainers: false,
    dockerSocket: null,
    instanceId: DEFAULTS.instanceId,
    enforceSecurityGroups: true,
    securityGroupsApplyToHost: false,
    publishTaskPorts: false,
    firewallImage: DEFAULTS.firewallImage,
    ...overrides,
  };
}
