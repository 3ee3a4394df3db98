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
  /** What runs inside tasks: the metadata and credentials endpoints, secrets, environment files (see the end). */
  taskAgent: TaskAgentConfig;
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
  /** The /16 every account's default VPC gets (AWS: 172.31.0.0/16); change it when emulators share an engine. */
  defaultVpcCidr: string;
  /** Fargate Spot's warning period: SIGTERM at the interruption, SIGKILL this many seconds later (AWS: two minutes). */
  spotGraceSeconds: number;
  /** Random Spot interruptions per Spot task-hour (soak testing); 0 = only on demand. */
  spotInterruptionRatePerHour: number;
  /** URL that receives every EventBridge-shaped event as a JSON POST; null = none. */
  eventsWebhookUrl: string | null;
  /** How often the service scheduler looks at every service even when nothing happened (retries, grace periods). */
  serviceSchedulerIntervalMs: number;
  /**
   * How long a service task with no essential health check must have been RUNNING before it counts towards the
   * service's minimumHealthyPercent, i.e. before a rolling update stops an old task on its account (AWS: 40 s).
   */
  minimumHealthyDelaySeconds: number;
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
  defaultVpcCidr: '172.31.0.0/16',
  spotGraceSeconds: 120,
  spotInterruptionRatePerHour: 0,
  serviceSchedulerIntervalMs: 1000,
  minimumHealthyDelaySeconds: 40,
  firewallImage: 'registry.k8s.io/build-image/distroless-iptables:v0.8.7',
};

const LOG_LEVELS: LogLevel[] = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'];
const PULL_POLICIES: PullPolicy[] = ['always', 'once', 'prefer-cached'];

function int(name: string, min: number, max: number) {
  return (value: string): number => {
    const n = Number(value);
    if (value.trim() === '' || !Number.isInteger(n) || n < min || n > max) {
      throw new InvalidArgumentError(`${name} must be a whole number from ${min} to ${max}.`);
    }
    return n;
  };
}

function slash16(value: string): string {
  const m = /^(\d{1,3})\.(\d{1,3})\.0\.0\/16$/.exec(value);
  if (!m || Number(m[1]) > 255 || Number(m[2]) > 255) throw new InvalidArgumentError('a /16 block such as 10.42.0.0/16.');
  return value;
}

function accountId(value: string): string {
  if (!/^\d{12}$/.test(value)) throw new InvalidArgumentError('an account id is 12 digits.');
  return value;
}

export function buildCommand(env: NodeJS.ProcessEnv): Command {
  const e = (name: string) => (env[name] === '' ? undefined : env[name]);
  return addTaskAgentOptions(new Command('fargate-local'))
    .description('A local, AWS-compatible emulator of Amazon ECS on Fargate.')
    .addOption(
      new Option('-p, --port <port>', 'API port')
        .env('PORT')
        .argParser(int('port', 0, 65535))
        .default(DEFAULTS.port),
    )
    .addOption(new Option('--host <address>', 'address the API listens on').env('HOST').default(DEFAULTS.host))
    .addOption(new Option('-d, --data-dir <dir>', 'directory for persistent state').env('FARGATE_LOCAL_DATA_DIR').default(DEFAULTS.dataDir))
    .addOption(new Option('--in-memory', 'keep state in memory only (throwaway runs)').env('FARGATE_LOCAL_IN_MEMORY'))
    .addOption(
      new Option('--account-id <id>', 'default account id')
        .env('FARGATE_LOCAL_ACCOUNT_ID')
        .argParser(accountId)
        .default(DEFAULTS.defaultAccountId),
    )
    .addOption(
      new Option('--region <region>', 'default region')
        .env('FARGATE_LOCAL_REGION')
        .default(e('AWS_DEFAULT_REGION') ?? DEFAULTS.defaultRegion),
    )
    .addOption(new Option('--log-level <level>', 'log level').env('LOG_LEVEL').choices(LOG_LEVELS).default(DEFAULTS.logLevel))
    .addOption(
      new Option('--stopped-task-retention <seconds>', 'how long stopped tasks stay describable')
        .env('FARGATE_LOCAL_STOPPED_TASK_RETENTION')
        .argParser(int('stopped-task-retention', 0, 30 * 24 * 3600))
        .default(DEFAULTS.stoppedTaskRetentionSeconds),
    )
    .addOption(
      new Option('--pull-policy <policy>', 'image pull behaviour')
        .env('FARGATE_LOCAL_PULL_POLICY')
        .choices(PULL_POLICIES)
        .default(DEFAULTS.pullPolicy),
    )
    .addOption(
      new Option('--launch-concurrency <n>', 'task launches run at once')
        .env('FARGATE_LOCAL_LAUNCH_CONCURRENCY')
        .argParser(int('launch-concurrency', 1, 64))
        .default(DEFAULTS.launchConcurrency),
    )
    .addOption(new Option('--keep-stopped-containers', 'keep the containers of stopped tasks').env('FARGATE_LOCAL_KEEP_STOPPED_CONTAINERS'))
    .addOption(
      new Option('--docker-socket <path>', 'Docker engine socket (default: DOCKER_HOST or /var/run/docker.sock)').env(
        'FARGATE_LOCAL_DOCKER_SOCKET',
      ),
    )
    .addOption(
      new Option('--instance-id <id>', 'names this emulator on a shared Docker engine')
        .env('FARGATE_LOCAL_INSTANCE_ID')
        .default(DEFAULTS.instanceId),
    )
    .addOption(
      new Option('--default-vpc-cidr <cidr>', "the /16 of every account's default VPC")
        .env('FARGATE_LOCAL_DEFAULT_VPC_CIDR')
        .argParser(slash16)
        .default(DEFAULTS.defaultVpcCidr),
    )
    .addOption(
      new Option('--spot-grace-seconds <seconds>', 'Spot interruption warning period before SIGKILL')
        .env('FARGATE_LOCAL_SPOT_GRACE_SECONDS')
        .argParser(int('spot-grace-seconds', 0, 3600))
        .default(DEFAULTS.spotGraceSeconds),
    )
    .addOption(
      new Option('--spot-interruption-rate <per-hour>', 'random Spot interruptions per Spot task-hour (0 = none)')
        .env('FARGATE_LOCAL_SPOT_INTERRUPTION_RATE')
        .argParser(rate)
        .default(DEFAULTS.spotInterruptionRatePerHour),
    )
    .addOption(
      new Option('--events-webhook <url>', 'POST every ECS event (EventBridge shape) to this URL').env('FARGATE_LOCAL_EVENTS_WEBHOOK'),
    )
    .addOption(
      new Option(
        '--minimum-healthy-delay <seconds>',
        'seconds a task without a health check runs before a rolling update counts it healthy',
      )
        .env('FARGATE_LOCAL_MINIMUM_HEALTHY_DELAY')
        .argParser(int('minimum-healthy-delay', 0, 3600))
        .default(DEFAULTS.minimumHealthyDelaySeconds),
    )
    .addOption(
      new Option(
        '--no-security-groups',
        'do not enforce security groups (nor private subnets) in tasks (env FARGATE_LOCAL_NO_SECURITY_GROUPS)',
      ),
    )
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

function rate(value: string): number {
  const n = Number(value);
  if (!Number.isFinite(n) || n < 0 || n > 3600)
    throw new InvalidArgumentError('the rate is a number of interruptions per hour, from 0 to 3600.');
  return n;
}

/** Where the control commands (`fargate-local spot …`, `fault …`) find a running emulator. */
export function controlEndpointFrom(env: NodeJS.ProcessEnv): string {
  if (env.FARGATE_LOCAL_ENDPOINT) return env.FARGATE_LOCAL_ENDPOINT;
  return `http://127.0.0.1:${env.PORT || DEFAULTS.port}`;
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
  // A boolean flag set from the environment counts only if its value is truthy (FARGATE_LOCAL_IN_MEMORY=false is off);
  // commander itself would turn the flag on for any value.
  const flag = (key: string, envVar: string) => (command.getOptionValueSource(key) === 'env' ? truthy(env[envVar]) : truthy(o[key]));
  return {
    port: o.port,
    host: o.host,
    dataDir: flag('inMemory', 'FARGATE_LOCAL_IN_MEMORY') ? null : path.resolve(cwd, o.dataDir),
    defaultAccountId: o.accountId,
    defaultRegion: o.region,
    logLevel: o.logLevel,
    taskAgent: readTaskAgentConfig(command, env, cwd),
    stoppedTaskRetentionMs: o.stoppedTaskRetention * 1000,
    pullPolicy: o.pullPolicy,
    launchConcurrency: o.launchConcurrency,
    keepStoppedContainers: flag('keepStoppedContainers', 'FARGATE_LOCAL_KEEP_STOPPED_CONTAINERS'),
    dockerSocket: o.dockerSocket ?? null,
    instanceId: o.instanceId,
    defaultVpcCidr: o.defaultVpcCidr,
    spotGraceSeconds: o.spotGraceSeconds,
    spotInterruptionRatePerHour: o.spotInterruptionRate,
    eventsWebhookUrl: o.eventsWebhook ?? null,
    serviceSchedulerIntervalMs: DEFAULTS.serviceSchedulerIntervalMs,
    minimumHealthyDelaySeconds: o.minimumHealthyDelay,
    // commander sets securityGroups=false for --no-security-groups; the variable counts when set to a true value.
    enforceSecurityGroups: o.securityGroups !== false && !truthy(env.FARGATE_LOCAL_NO_SECURITY_GROUPS),
    securityGroupsApplyToHost: flag('securityGroupsApplyToHost', 'FARGATE_LOCAL_SECURITY_GROUPS_APPLY_TO_HOST'),
    publishTaskPorts: flag('publishTaskPorts', 'FARGATE_LOCAL_PUBLISH_TASK_PORTS'),
    firewallImage: o.firewallImage ? o.firewallImage : null,
  };
}

/** A configuration for embedding (tests, benchmarks): defaults, in memory, a free port, quiet. */
export function testConfig(overrides: Partial<Omit<Config, 'taskAgent'>> & { taskAgent?: Partial<TaskAgentConfig> } = {}): Config {
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
    defaultVpcCidr: DEFAULTS.defaultVpcCidr,
    spotGraceSeconds: DEFAULTS.spotGraceSeconds,
    spotInterruptionRatePerHour: DEFAULTS.spotInterruptionRatePerHour,
    eventsWebhookUrl: null,
    serviceSchedulerIntervalMs: 200,
    // Tests and benchmarks count a RUNNING task as healthy at once unless they ask for AWS's delay.
    minimumHealthyDelaySeconds: 0,
    enforceSecurityGroups: true,
    securityGroupsApplyToHost: false,
    publishTaskPorts: false,
    firewallImage: DEFAULTS.firewallImage,
    ...overrides,
    taskAgent: testTaskAgentConfig(overrides.taskAgent),
  };
}

// --- Task agent settings: 169.254.170.2, credentials, secrets, environment files (src/metadata/ and friends). ---

/** Where task role (and execution role) credentials come from. */
export type CredentialsSource = 'static' | 'host' | 'sts';
export type SecretsSource = 'file' | 'aws';

export interface TaskAgentConfig {
  /** Serve task metadata, credentials and task protection at 169.254.170.2:80 (bound when the first task starts). */
  metadataEndpoint: boolean;
  /**
   * Where tasks find the endpoint: 169.254.170.2 as on AWS. Another address (tests of the compose layout on an
   * engine whose link-local range is taken) makes tasks use AWS_CONTAINER_CREDENTIALS_FULL_URI instead of the
   * relative URI, which SDKs resolve against 169.254.170.2 only.
   */
  metadataAddress: string;
  /**
   * static: fake keys, unique per task (default); host: this process's own AWS credentials, passed through;
   * sts: AssumeRole of the task role (and of the execution role, for secrets) against `awsEndpoint`.
   */
  credentialsSource: CredentialsSource;
  /** How long issued credentials last; they are replaced once half of that has passed. */
  credentialsLifetimeSeconds: number;
  /** Endpoint for STS, Secrets Manager and SSM (e.g. LocalStack); null = AWS's own regional endpoints. */
  awsEndpoint: string | null;
  /** file: secrets and registry credentials from `secretsFile` (offline); aws: Secrets Manager and SSM. */
  secretsSource: SecretsSource;
  /** JSON file of secrets and parameters (format in src/secrets/file-secret-store.ts). */
  secretsFile: string;
  /** Where `environmentFiles` S3 objects are found: arn:aws:s3:::bucket/key -> <dir>/bucket/key. */
  environmentFilesDir: string;
  /** AWS_ENDPOINT_URL set in every task container; null = not set (as on AWS). */
  taskAwsEndpointUrl: string | null;
  /**
   * An existing agent network to join instead of creating one (the docker compose deployment, where this emulator
   * is itself a container at 169.254.170.2 on it); null = create the default one, with this process serving on its
   * bridge address.
   */
  agentNetwork: string | null;
}

/** The address tasks reach the metadata and credentials endpoints at, on port 80. */
export const METADATA_ADDRESS = '169.254.170.2';

export const TASK_AGENT_DEFAULTS = {
  credentialsSource: 'static' as CredentialsSource,
  credentialsLifetimeSeconds: 6 * 3600,
  secretsSource: 'file' as SecretsSource,
  secretsFile: 'fargate-local-secrets.json',
  environmentFilesDir: 'fargate-local-s3',
};

const CREDENTIALS_SOURCES: CredentialsSource[] = ['static', 'host', 'sts'];
const SECRETS_SOURCES: SecretsSource[] = ['file', 'aws'];

function httpUrl(value: string): string {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new InvalidArgumentError('not a URL.');
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new InvalidArgumentError('an http(s) URL is needed.');
  return value;
}

function addTaskAgentOptions(command: Command): Command {
  return command
    .addOption(
      new Option('--no-metadata-endpoint', 'do not serve 169.254.170.2 (task metadata and credentials)').env(
        'FARGATE_LOCAL_NO_METADATA_ENDPOINT',
      ),
    )
    .addOption(
      new Option('--metadata-address <ip>', 'address tasks reach the metadata endpoint at (SDKs expect 169.254.170.2)')
        .env('FARGATE_LOCAL_METADATA_ADDRESS')
        .default(METADATA_ADDRESS),
    )
    .addOption(
      new Option('--credentials-source <source>', 'task role credentials: static fake keys, the host’s own, or STS AssumeRole')
        .env('FARGATE_LOCAL_CREDENTIALS_SOURCE')
        .choices(CREDENTIALS_SOURCES)
        .default(TASK_AGENT_DEFAULTS.credentialsSource),
    )
    .addOption(
      new Option('--credentials-lifetime <seconds>', 'lifetime of issued task credentials')
        .env('FARGATE_LOCAL_CREDENTIALS_LIFETIME')
        .argParser(int('credentials-lifetime', 60, 43200))
        .default(TASK_AGENT_DEFAULTS.credentialsLifetimeSeconds),
    )
    .addOption(
      new Option('--aws-endpoint <url>', 'STS, Secrets Manager and SSM endpoint (e.g. LocalStack)')
        .env('FARGATE_LOCAL_AWS_ENDPOINT')
        .argParser(httpUrl),
    )
    .addOption(
      new Option('--secrets-source <source>', 'task secrets from a local file or from Secrets Manager/SSM')
        .env('FARGATE_LOCAL_SECRETS_SOURCE')
        .choices(SECRETS_SOURCES)
        .default(TASK_AGENT_DEFAULTS.secretsSource),
    )
    .addOption(
      new Option('--secrets-file <path>', 'JSON file of secrets and parameters')
        .env('FARGATE_LOCAL_SECRETS_FILE')
        .default(TASK_AGENT_DEFAULTS.secretsFile),
    )
    .addOption(
      new Option('--environment-files-dir <dir>', 'local stand-in for S3 environment files (<dir>/<bucket>/<key>)')
        .env('FARGATE_LOCAL_ENVIRONMENT_FILES_DIR')
        .default(TASK_AGENT_DEFAULTS.environmentFilesDir),
    )
    .addOption(
      new Option('--task-aws-endpoint-url [url]', 'set AWS_ENDPOINT_URL in task containers (no value: this emulator at 169.254.170.2)').env(
        'FARGATE_LOCAL_TASK_AWS_ENDPOINT_URL',
      ),
    )
    .addOption(
      new Option('--agent-network <name>', 'join this existing agent network (docker compose deployment)').env(
        'FARGATE_LOCAL_AGENT_NETWORK',
      ),
    );
}

function taskAwsEndpointUrl(value: unknown): string | null {
  if (value === undefined || value === false) return null;
  if (value === true || (typeof value === 'string' && ['', '1', 'true', 'yes', 'on'].includes(value.toLowerCase())))
    return `http://${METADATA_ADDRESS}`;
  if (typeof value === 'string' && ['0', 'false', 'no', 'off'].includes(value.toLowerCase())) return null;
  return httpUrl(String(value));
}

function readTaskAgentConfig(command: Command, env: NodeJS.ProcessEnv, cwd: string): TaskAgentConfig {
  const o = command.opts();
  return {
    // A negated flag from the environment counts only if its value is truthy (commander would take any value).
    metadataEndpoint: !(command.getOptionValueSource('metadataEndpoint') === 'env'
      ? truthy(env.FARGATE_LOCAL_NO_METADATA_ENDPOINT)
      : o.metadataEndpoint === false),
    metadataAddress: o.metadataAddress,
    credentialsSource: o.credentialsSource,
    credentialsLifetimeSeconds: o.credentialsLifetime,
    awsEndpoint: o.awsEndpoint ?? null,
    secretsSource: o.secretsSource,
    secretsFile: path.resolve(cwd, o.secretsFile),
    environmentFilesDir: path.resolve(cwd, o.environmentFilesDir),
    taskAwsEndpointUrl: taskAwsEndpointUrl(o.taskAwsEndpointUrl),
    agentNetwork: o.agentNetwork || null,
  };
}

function testTaskAgentConfig(overrides: Partial<TaskAgentConfig> | undefined): TaskAgentConfig {
  return {
    // Off in tests unless asked for: only one process can serve 169.254.170.2:80.
    metadataEndpoint: false,
    metadataAddress: METADATA_ADDRESS,
    credentialsSource: TASK_AGENT_DEFAULTS.credentialsSource,
    credentialsLifetimeSeconds: TASK_AGENT_DEFAULTS.credentialsLifetimeSeconds,
    awsEndpoint: null,
    secretsSource: TASK_AGENT_DEFAULTS.secretsSource,
    secretsFile: path.resolve(TASK_AGENT_DEFAULTS.secretsFile),
    environmentFilesDir: path.resolve(TASK_AGENT_DEFAULTS.environmentFilesDir),
    taskAwsEndpointUrl: null,
    agentNetwork: null,
    ...overrides,
  };
}
