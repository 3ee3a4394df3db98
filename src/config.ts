// The one place that reads configuration: command-line flags first, then environment variables, then defaults.
// Nothing else in src/ reads process.env or process.argv. Every option is one descriptor in OPTIONS below, which
// generates the commander option (and its --help group), the value in Config and the README's tables
// (config-options.ts has the machinery; test/api/cli.test.ts keeps the README equal to the table).
// To add an option: a field in Config (durations in milliseconds) and one descriptor in OPTIONS.
import path from 'node:path';
import type { Command } from 'commander';
import { InvalidArgumentError } from 'commander';
import {
  assemble,
  commandFor,
  type Env,
  httpUrl,
  int,
  type OptionDescriptor,
  portRange,
  readOptions,
  renderOptionTables,
} from './config-options.js';

export type PullPolicy = 'always' | 'once' | 'prefer-cached';
export type LogLevel = 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
export type LogFormat = 'auto' | 'json' | 'pretty';
/** Where task role (and execution role) credentials come from. */
export type CredentialsSource = 'static' | 'host' | 'sts';
export type SecretsSource = 'file' | 'aws';

export interface Config {
  /** API port; 0 picks a free one (tests). */
  port: number;
  host: string;
  /** Directory for persistent state; null means in-memory (nothing survives the process). */
  dataDir: string | null;
  defaultAccountId: string;
  defaultRegion: string;
  logLevel: LogLevel;
  /** `json` lines, `pretty` one readable line per event, or `auto`: pretty when stdout is a terminal. */
  logFormat: LogFormat;
  /** Host names accepted in the Host header besides loopback names and IP addresses (DNS rebinding guard). */
  allowedHosts: string[];
  /** Browser origins allowed to call the API (CORS); any other Origin is refused on state-changing requests. */
  corsOrigins: string[];
  /** What runs inside tasks: the metadata and credentials endpoints, secrets, environment files. */
  taskAgent: TaskAgentConfig;
  /** How long a STOPPED task stays describable. */
  stoppedTaskRetentionMs: number;
  /** Most bytes of CloudWatch Logs events kept (on disk, or in memory with --in-memory); the oldest go first. */
  logsMaxBytes: number;
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
  /** Fargate Spot's warning period: SIGTERM at the interruption, SIGKILL this long after (AWS: two minutes). */
  spotGraceMs: number;
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
  minimumHealthyDelayMs: number;
  /**
   * Factor applied to the minutes of blue/green, linear and canary deployments (intervals, bake and termination
   * waits, ready waits): 1 as on AWS; 0.01 turns a minute into 0.6 s.
   */
  deploymentTimeScale: number;
  /** CodeDeploy lifecycle hooks succeed at once instead of waiting for PutLifecycleEventHookExecutionStatus. */
  codeDeployAutoSucceedHooks: boolean;
  /** Enforce security groups (and private subnets' lack of internet access) inside each task's network namespace. */
  enforceSecurityGroups: boolean;
  /** Make the host subject to the security groups too (by default it reaches every task, like `curl <task-ip>`). */
  securityGroupsApplyToHost: boolean;
  /** Publish every task's container ports on 127.0.0.1 (hosts where task IPs are not routable: Docker Desktop). */
  publishTaskPorts: boolean;
  /** Image with iptables pulled when none can be built from this host's; null never pulls. */
  firewallImage: string | null;
  /**
   * The emulator runs in a container (the compose deployment): its container, named by its host name, joins every
   * VPC network so listeners and health checks reach task addresses.
   */
  joinVpcNetworks: boolean;
  /** Host ports the load balancers' listeners are served on (the first free one each); null: the listener's own. */
  listenerPortRange: { from: number; to: number } | null;
  /** Keep ready task sandboxes for the subnets and security groups recently launched into (see src/engine/warm-pool.ts). */
  warmPool: boolean;
  /** Ready sandboxes per subnet and set of security groups. */
  warmPoolSize: number;
}

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
  credentialsLifetimeMs: number;
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

/** The address tasks reach the metadata and credentials endpoints at on AWS, on port 80. */
export const METADATA_ADDRESS = '169.254.170.2';
/** Where the API listens unless told otherwise; the control commands look for it there too. */
export const DEFAULT_PORT = 4599;

function slash16(value: string): string {
  const m = /^(\d{1,3})\.(\d{1,3})\.0\.0\/16$/.exec(value);
  if (!m || Number(m[1]) > 255 || Number(m[2]) > 255) throw new InvalidArgumentError('a /16 block such as 10.42.0.0/16.');
  return value;
}

function accountId(value: string): string {
  if (!/^\d{12}$/.test(value)) throw new InvalidArgumentError('an account id is 12 digits.');
  return value;
}

function timeScale(value: string): number {
  const n = Number(value);
  if (value.trim() === '' || !Number.isFinite(n) || n <= 0 || n > 1)
    throw new InvalidArgumentError('the deployment time scale is a factor greater than 0 and at most 1.');
  return n;
}

function rate(value: string): number {
  const n = Number(value);
  if (value.trim() === '' || !Number.isFinite(n) || n < 0 || n > 3600)
    throw new InvalidArgumentError('the rate is a number of interruptions per hour, from 0 to 3600.');
  return n;
}

const commaList = (value: string): string[] =>
  value
    .split(',')
    .map((v) => v.trim())
    .filter((v) => v !== '');
const resolvePath = (value: unknown, { cwd }: { cwd: string }) => path.resolve(cwd, String(value));
const nullIfEmpty = (value: unknown) => (value === undefined || value === '' ? null : value);

/** `--task-aws-endpoint-url` alone (or a true value) points tasks at this emulator; a false value or none: unset. */
function taskAwsEndpointUrl(value: unknown): string | null {
  if (value === undefined || value === false) return null;
  if (value === true || (typeof value === 'string' && ['', '1', 'true', 'yes', 'on'].includes(value.toLowerCase())))
    return `http://${METADATA_ADDRESS}`;
  if (typeof value === 'string' && ['0', 'false', 'no', 'off'].includes(value.toLowerCase())) return null;
  return httpUrl(String(value));
}

/** Every option, grouped and ordered as --help and the README list them. */
export const OPTIONS: readonly OptionDescriptor[] = [
  // API server
  {
    flags: '-p, --port <port>',
    env: 'PORT',
    group: 'API server',
    help: 'API port',
    doc: 'API port (`0` picks a free one)',
    parse: int('port', 0, 65535),
    default: DEFAULT_PORT,
    to: 'port',
  },
  {
    flags: '--host <address>',
    env: 'HOST',
    group: 'API server',
    help: 'address the API listens on',
    doc: 'address the API listens on; the container image sets `0.0.0.0`',
    default: '127.0.0.1',
    to: 'host',
  },
  {
    flags: '--account-id <id>',
    env: 'FARGATE_LOCAL_ACCOUNT_ID',
    group: 'API server',
    help: 'default account id',
    doc: 'account for requests whose access key id is not 12 digits',
    parse: accountId,
    default: '000000000000',
    to: 'defaultAccountId',
  },
  {
    flags: '--region <region>',
    env: 'FARGATE_LOCAL_REGION',
    group: 'API server',
    help: 'default region',
    doc: 'region for requests that carry none',
    default: (env) => env.AWS_DEFAULT_REGION || 'us-east-1',
    defaultDoc: '`AWS_DEFAULT_REGION`, else `us-east-1`',
    to: 'defaultRegion',
  },
  {
    flags: '--log-level <level>',
    env: 'LOG_LEVEL',
    group: 'API server',
    help: 'log level',
    doc: '`fatal`, `error`, `warn`, `info`, `debug`, `trace` or `silent`; logs go to stdout (see `--log-format`)',
    choices: ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] satisfies LogLevel[],
    default: 'info',
    to: 'logLevel',
  },
  {
    flags: '--log-format <format>',
    env: 'FARGATE_LOCAL_LOG_FORMAT',
    group: 'API server',
    help: 'log format',
    doc: '`pretty` (one readable line per event), `json` (JSON lines), or `auto`: pretty when stdout is a terminal, else JSON',
    choices: ['auto', 'json', 'pretty'] satisfies LogFormat[],
    default: 'auto',
    to: 'logFormat',
  },
  {
    flags: '--allowed-hosts <names>',
    env: 'FARGATE_LOCAL_ALLOWED_HOSTS',
    group: 'API server',
    help: 'comma-separated host names accepted in the Host header',
    doc: 'comma-separated host names accepted in `Host` besides `localhost`, `*.localhost` and IP addresses (the compose file adds its service name); others get 403',
    default: '',
    defaultDoc: 'none',
    parse: commaList,
    convert: (value) => (Array.isArray(value) ? value : commaList(String(value ?? ''))),
    to: 'allowedHosts',
  },
  {
    flags: '--cors-origins <origins>',
    env: 'FARGATE_LOCAL_CORS_ORIGINS',
    group: 'API server',
    help: 'comma-separated browser origins allowed to call the API',
    doc: 'comma-separated browser origins (`http://localhost:3000`) answered to CORS preflights and allowed to change state; a request from any other origin is refused',
    default: '',
    defaultDoc: 'none',
    parse: commaList,
    convert: (value) => (Array.isArray(value) ? value : commaList(String(value ?? ''))),
    to: 'corsOrigins',
  },
  // State
  {
    flags: '-d, --data-dir <dir>',
    env: 'FARGATE_LOCAL_DATA_DIR',
    group: 'State',
    help: 'directory for persistent state',
    doc: 'where the state file lives',
    default: '.fargate-local',
    defaultDoc: '`.fargate-local` (relative to the working directory)',
    to: 'dataDir',
    convert: (value, ctx) => (ctx.values.inMemory ? null : resolvePath(value, ctx)),
  },
  {
    flags: '--in-memory',
    env: 'FARGATE_LOCAL_IN_MEMORY',
    group: 'State',
    help: 'keep state in memory only (throwaway runs)',
    doc: 'keep state in memory only; nothing survives the process',
  },
  {
    flags: '--stopped-task-retention <seconds>',
    env: 'FARGATE_LOCAL_STOPPED_TASK_RETENTION',
    group: 'State',
    help: 'how long stopped tasks stay describable',
    parse: int('stopped-task-retention', 0, 30 * 24 * 3600),
    unit: 'seconds',
    default: 3600,
    to: 'stoppedTaskRetentionMs',
  },
  {
    flags: '--logs-max-size <MiB>',
    env: 'FARGATE_LOCAL_LOGS_MAX_SIZE',
    group: 'State',
    help: 'most CloudWatch Logs events kept, in MiB',
    doc: 'most CloudWatch Logs events kept (`<data dir>/logs`, or memory), in MiB; beyond it the oldest are deleted, with a warning',
    parse: int('logs-max-size', 1, 1024 * 1024),
    default: 1024,
    to: 'logsMaxBytes',
    convert: (value) => Number(value) * 1024 * 1024,
  },
  // Docker
  {
    flags: '--docker-socket <path>',
    env: 'FARGATE_LOCAL_DOCKER_SOCKET',
    group: 'Docker',
    help: 'Docker engine socket (default: DOCKER_HOST or /var/run/docker.sock)',
    doc: 'the Docker engine',
    defaultDoc: '`DOCKER_HOST`, else `/var/run/docker.sock`',
    to: 'dockerSocket',
  },
  {
    flags: '--instance-id <id>',
    env: 'FARGATE_LOCAL_INSTANCE_ID',
    group: 'Docker',
    help: 'names this emulator on a shared Docker engine',
    doc: 'names this emulator on a Docker engine shared by several',
    default: 'default',
    to: 'instanceId',
  },
  {
    flags: '--pull-policy <policy>',
    env: 'FARGATE_LOCAL_PULL_POLICY',
    group: 'Docker',
    help: 'image pull behaviour',
    doc: "image pulls: `always`, `once` or `prefer-cached` (as the ECS agent's `ECS_IMAGE_PULL_BEHAVIOR`)",
    choices: ['always', 'once', 'prefer-cached'] satisfies PullPolicy[],
    default: 'prefer-cached',
    to: 'pullPolicy',
  },
  {
    flags: '--launch-concurrency <n>',
    env: 'FARGATE_LOCAL_LAUNCH_CONCURRENCY',
    group: 'Docker',
    help: 'task launches run at once',
    doc: 'task launches run at once (1–64)',
    parse: int('launch-concurrency', 1, 64),
    default: 4,
    to: 'launchConcurrency',
  },
  {
    flags: '--no-warm-pool',
    env: 'FARGATE_LOCAL_NO_WARM_POOL',
    group: 'Docker',
    help: 'keep no ready task sandboxes (the warm pool)',
    doc: 'keep no ready task sandboxes: each launch then makes its pause container, address and security group rules itself (the warm pool keeps a few ready, invisible to the API, for the subnets and groups recently launched into)',
    defaultDoc: 'off (pool on)',
    to: 'warmPool',
  },
  {
    flags: '--warm-pool-size <n>',
    env: 'FARGATE_LOCAL_WARM_POOL_SIZE',
    group: 'Docker',
    help: 'ready sandboxes per subnet and set of security groups',
    doc: 'ready task sandboxes kept per subnet and set of security groups recently launched into (0–16; 0 = no pool); never more than half of a subnet’s free addresses',
    parse: int('warm-pool-size', 0, 16),
    default: 2,
    to: 'warmPoolSize',
  },
  {
    flags: '--keep-stopped-containers',
    env: 'FARGATE_LOCAL_KEEP_STOPPED_CONTAINERS',
    group: 'Docker',
    help: 'keep the containers of stopped tasks',
    doc: 'keep the containers of stopped tasks, for debugging',
    to: 'keepStoppedContainers',
  },
  // Networking
  {
    flags: '--default-vpc-cidr <cidr>',
    env: 'FARGATE_LOCAL_DEFAULT_VPC_CIDR',
    group: 'Networking',
    help: "the /16 of every account's default VPC",
    doc: "the /16 of every account's default VPC; give each emulator sharing one Docker engine its own (Docker refuses overlapping networks)",
    parse: slash16,
    default: '172.31.0.0/16',
    to: 'defaultVpcCidr',
  },
  {
    flags: '--no-security-groups',
    env: 'FARGATE_LOCAL_NO_SECURITY_GROUPS',
    group: 'Networking',
    help: 'do not enforce security groups (nor private subnets) in tasks',
    doc: "do not enforce security groups, nor private subnets' lack of internet access, inside tasks",
    defaultDoc: 'off (groups enforced)',
    to: 'enforceSecurityGroups',
  },
  {
    flags: '--security-groups-apply-to-host',
    env: 'FARGATE_LOCAL_SECURITY_GROUPS_APPLY_TO_HOST',
    group: 'Networking',
    help: 'the host reaches tasks only as their security groups allow',
    doc: 'the host reaches tasks only as their security groups allow (by default `curl <task-ip>` just works)',
    to: 'securityGroupsApplyToHost',
  },
  {
    flags: '--publish-task-ports',
    env: 'FARGATE_LOCAL_PUBLISH_TASK_PORTS',
    group: 'Networking',
    help: "publish tasks' container ports on 127.0.0.1",
    doc: "publish tasks' container ports on 127.0.0.1 (Docker Desktop, where task IPs are not routable)",
    to: 'publishTaskPorts',
  },
  {
    flags: '--join-vpc-networks',
    env: 'FARGATE_LOCAL_JOIN_VPC_NETWORKS',
    group: 'Networking',
    help: 'in a container: join each VPC network so listeners reach tasks',
    doc: "the emulator runs in a container (the compose file sets it): that container, named by its host name, joins each VPC network at the VPC's base + 2, so load balancer listeners and health checks reach task addresses",
    to: 'joinVpcNetworks',
  },
  {
    flags: '--listener-port-range <from-to>',
    env: 'FARGATE_LOCAL_LISTENER_PORT_RANGE',
    group: 'Networking',
    help: 'serve load balancer listeners on ports of this range',
    doc: 'serve each load balancer listener on the first free port of this range instead of its own port (the compose file publishes `4600-4619`); `fargate-local load-balancers` shows the mapping',
    parse: portRange('listener-port-range'),
    to: 'listenerPortRange',
    convert: (value) => value ?? null,
  },
  {
    flags: '--firewall-image <image>',
    env: 'FARGATE_LOCAL_FIREWALL_IMAGE',
    group: 'Networking',
    help: "image with iptables to pull where the host's own cannot be used ('' never pulls)",
    doc: "image with iptables to pull where the host's own iptables cannot be used (`''` never pulls)",
    default: 'registry.k8s.io/build-image/distroless-iptables:v0.8.7',
    to: 'firewallImage',
    convert: nullIfEmpty,
  },
  // Task metadata, credentials and secrets
  {
    flags: '--no-metadata-endpoint',
    env: 'FARGATE_LOCAL_NO_METADATA_ENDPOINT',
    group: 'Task metadata, credentials and secrets',
    help: 'do not serve 169.254.170.2 (task metadata and credentials)',
    doc: 'do not serve task metadata and credentials at 169.254.170.2',
    defaultDoc: 'off',
    to: 'taskAgent.metadataEndpoint',
  },
  {
    flags: '--metadata-address <ip>',
    env: 'FARGATE_LOCAL_METADATA_ADDRESS',
    group: 'Task metadata, credentials and secrets',
    help: 'address tasks reach the metadata endpoint at (SDKs expect 169.254.170.2)',
    default: METADATA_ADDRESS,
    to: 'taskAgent.metadataAddress',
  },
  {
    flags: '--agent-network <name>',
    env: 'FARGATE_LOCAL_AGENT_NETWORK',
    group: 'Task metadata, credentials and secrets',
    help: 'join this existing agent network (docker compose deployment)',
    doc: 'join this existing agent network instead of creating one (the compose deployment)',
    to: 'taskAgent.agentNetwork',
    convert: nullIfEmpty,
  },
  {
    flags: '--credentials-source <source>',
    env: 'FARGATE_LOCAL_CREDENTIALS_SOURCE',
    group: 'Task metadata, credentials and secrets',
    help: 'task role credentials: static fake keys, the host’s own, or STS AssumeRole',
    doc: "task role credentials: `static` (fake keys unique per task), `host` (the host's own), `sts` (AssumeRole)",
    choices: ['static', 'host', 'sts'] satisfies CredentialsSource[],
    default: 'static',
    to: 'taskAgent.credentialsSource',
  },
  {
    flags: '--credentials-lifetime <seconds>',
    env: 'FARGATE_LOCAL_CREDENTIALS_LIFETIME',
    group: 'Task metadata, credentials and secrets',
    help: 'lifetime of issued task credentials',
    doc: 'lifetime of issued task credentials; they rotate before they expire',
    parse: int('credentials-lifetime', 60, 43200),
    unit: 'seconds',
    default: 6 * 3600,
    to: 'taskAgent.credentialsLifetimeMs',
  },
  {
    flags: '--aws-endpoint <url>',
    env: 'FARGATE_LOCAL_AWS_ENDPOINT',
    group: 'Task metadata, credentials and secrets',
    help: 'STS, Secrets Manager and SSM endpoint (e.g. LocalStack)',
    doc: 'STS, Secrets Manager and SSM endpoint, e.g. LocalStack',
    defaultDoc: 'none (real AWS)',
    parse: httpUrl,
    to: 'taskAgent.awsEndpoint',
  },
  {
    flags: '--secrets-source <source>',
    env: 'FARGATE_LOCAL_SECRETS_SOURCE',
    group: 'Task metadata, credentials and secrets',
    help: 'task secrets from a local file or from Secrets Manager/SSM',
    doc: 'task secrets from the local secrets file (`file`) or from Secrets Manager/SSM (`aws`)',
    choices: ['file', 'aws'] satisfies SecretsSource[],
    default: 'file',
    to: 'taskAgent.secretsSource',
  },
  {
    flags: '--secrets-file <path>',
    env: 'FARGATE_LOCAL_SECRETS_FILE',
    group: 'Task metadata, credentials and secrets',
    help: 'JSON file of secrets and parameters',
    doc: 'JSON file of secrets and parameters for offline use',
    default: 'fargate-local-secrets.json',
    to: 'taskAgent.secretsFile',
    convert: resolvePath,
  },
  {
    flags: '--environment-files-dir <dir>',
    env: 'FARGATE_LOCAL_ENVIRONMENT_FILES_DIR',
    group: 'Task metadata, credentials and secrets',
    help: 'local stand-in for S3 environment files (<dir>/<bucket>/<key>)',
    doc: 'local stand-in for S3 environment files: `<dir>/<bucket>/<key>`',
    default: 'fargate-local-s3',
    to: 'taskAgent.environmentFilesDir',
    convert: resolvePath,
  },
  {
    flags: '--task-aws-endpoint-url [url]',
    env: 'FARGATE_LOCAL_TASK_AWS_ENDPOINT_URL',
    group: 'Task metadata, credentials and secrets',
    help: 'set AWS_ENDPOINT_URL in task containers (no value: this emulator at 169.254.170.2)',
    doc: 'set `AWS_ENDPOINT_URL` in task containers (no value: this emulator)',
    defaultDoc: 'off',
    to: 'taskAgent.taskAwsEndpointUrl',
    convert: taskAwsEndpointUrl,
  },
  // Services, Spot and events
  {
    flags: '--minimum-healthy-delay <seconds>',
    env: 'FARGATE_LOCAL_MINIMUM_HEALTHY_DELAY',
    group: 'Services, Spot and events',
    help: 'seconds a task without a health check runs before a rolling update counts it healthy',
    doc: 'how long a service task without a health check must run before a rolling update counts it healthy (AWS: 40 s)',
    parse: int('minimum-healthy-delay', 0, 3600),
    unit: 'seconds',
    default: 40,
    to: 'minimumHealthyDelayMs',
  },
  {
    flags: '--spot-grace-seconds <seconds>',
    env: 'FARGATE_LOCAL_SPOT_GRACE_SECONDS',
    group: 'Services, Spot and events',
    help: 'Spot interruption warning period before SIGKILL',
    doc: "time between a Spot interruption's SIGTERM and its SIGKILL",
    parse: int('spot-grace-seconds', 0, 3600),
    unit: 'seconds',
    default: 120,
    to: 'spotGraceMs',
  },
  {
    flags: '--spot-interruption-rate <per-hour>',
    env: 'FARGATE_LOCAL_SPOT_INTERRUPTION_RATE',
    group: 'Services, Spot and events',
    help: 'random Spot interruptions per Spot task-hour (0 = none)',
    doc: 'random Spot interruptions per Spot task-hour, for soak tests',
    parse: rate,
    default: 0,
    to: 'spotInterruptionRatePerHour',
  },
  {
    flags: '--deployment-time-scale <factor>',
    env: 'FARGATE_LOCAL_DEPLOYMENT_TIME_SCALE',
    group: 'Services, Spot and events',
    help: 'factor applied to the minutes of blue/green, linear and canary deployments (0.01: a minute lasts 0.6 s)',
    doc: 'factor applied to every wait in minutes of a blue/green, linear or canary deployment (traffic intervals, bake, ready and termination waits), ECS-native or CodeDeploy; `0.01` makes a minute last 0.6 s',
    parse: timeScale,
    default: 1,
    to: 'deploymentTimeScale',
  },
  {
    flags: '--codedeploy-auto-succeed-hooks',
    env: 'FARGATE_LOCAL_CODEDEPLOY_AUTO_SUCCEED_HOOKS',
    group: 'Services, Spot and events',
    help: 'CodeDeploy lifecycle hooks succeed at once (no Lambda runs here)',
    doc: 'the Lambda hooks an AppSpec names succeed at once; without it each waits for `PutLifecycleEventHookExecutionStatus`',
    to: 'codeDeployAutoSucceedHooks',
  },
  {
    flags: '--events-webhook <url>',
    env: 'FARGATE_LOCAL_EVENTS_WEBHOOK',
    group: 'Services, Spot and events',
    help: 'POST every ECS event (EventBridge shape) to this URL',
    to: 'eventsWebhookUrl',
  },
];

/** Settings with no option: fixed here, overridden by tests through testConfig. */
const FIXED = { serviceSchedulerIntervalMs: 1000 } satisfies Partial<Config>;

export function buildCommand(env: Env): Command {
  return commandFor('fargate-local', OPTIONS, env).description('A local, AWS-compatible emulator of Amazon ECS on Fargate.');
}

/** Reads the configuration from argv (without node and script) and env; throws commander errors on bad input. */
export function readConfig(argv: string[], env: Env, cwd: string): Config {
  const command = buildCommand(env).exitOverride();
  command.parse(argv, { from: 'user' });
  return { ...FIXED, ...assemble(OPTIONS, readOptions(command, OPTIONS, env), cwd) } as unknown as Config;
}

/** The README's configuration tables, generated from OPTIONS (npm run docs:options), sit between these markers. */
export const README_OPTIONS_BEGIN = '<!-- options: generated from src/config.ts by `npm run docs:options` -->';
export const README_OPTIONS_END = '<!-- /options -->';
export const renderReadmeOptions = () => renderOptionTables(OPTIONS);

/** Where the control commands (`fargate-local spot …`, `fault …`) find a running emulator. */
export function controlEndpointFrom(env: Env): string {
  if (env.FARGATE_LOCAL_ENDPOINT) return env.FARGATE_LOCAL_ENDPOINT;
  return `http://127.0.0.1:${env.PORT || DEFAULT_PORT}`;
}

export type TestOverrides = Partial<Omit<Config, 'taskAgent'>> & { taskAgent?: Partial<TaskAgentConfig> };

/** A configuration for embedding (tests, benchmarks): the defaults, in memory, a free port, quiet. */
export function testConfig(overrides: TestOverrides = {}): Config {
  const defaults = readConfig([], {}, process.cwd());
  return {
    ...defaults,
    port: 0,
    dataDir: null,
    logLevel: 'silent',
    serviceSchedulerIntervalMs: 200,
    // Tests and benchmarks count a RUNNING task as healthy at once unless they ask for AWS's delay.
    minimumHealthyDelayMs: 0,
    // No warm pool unless a test is about it: spares would only add containers to start and remove per test.
    warmPool: false,
    ...overrides,
    taskAgent: {
      ...defaults.taskAgent,
      // Off in tests unless asked for: only one process can serve 169.254.170.2:80.
      metadataEndpoint: false,
      ...overrides.taskAgent,
    },
  };
}
