// Assembles the task agent and its metadata server from the adapters the composition root (main.ts) built: the
// credentials provider and the secret store.
import type { RequestListener } from 'node:http';
import type { RequestHandler } from 'express';
import type { Config } from '../config.js';
import type { CredentialsProvider } from '../credentials/role-credentials.js';
import { TaskCredentialsVault } from '../credentials/task-credentials-vault.js';
import type { Clock, Ids } from '../domain/ports.js';
import type { TaskAgent } from '../domain/task-agent.js';
import type { TaskRuntime } from '../domain/task-runtime.js';
import type { Logger } from '../logger.js';
import type { SecretStore } from '../secrets/secret-store.js';
import type { Store } from '../store/store.js';
import { createMetadataApp } from './metadata-app.js';
import { MetadataServer } from './metadata-server.js';
import { StatsSampler } from './stats.js';
import { LocalTaskAgent } from './task-agent.js';
import { TaskDirectory } from './task-directory.js';
import { TaskViews } from './task-view.js';

export const METADATA_PORT = 80;

export interface TaskAgentDeps {
  store: Store;
  runtime: TaskRuntime;
  clock: Clock;
  ids: Ids;
  logger: Logger;
  /** The ECS API, served to tasks on POST / when their AWS_ENDPOINT_URL points at 169.254.170.2. */
  ecsApi: () => RequestHandler | undefined;
  /** Where task role and execution role credentials come from (--credentials-source). */
  credentials: CredentialsProvider & { close?(): void };
  /** Where secrets and registry credentials come from (--secrets-source). */
  secretStore: SecretStore;
}

export interface TaskAgentSetup {
  agent: TaskAgent;
  /** The endpoint's request handler (tests serve it on loopback). */
  app: RequestListener;
  /** null when the metadata endpoint is turned off. */
  server: MetadataServer | null;
  vault: TaskCredentialsVault;
  /** Tries to serve at once (tasks adopted after a restart need it before any new task starts). */
  start(): Promise<void>;
  close(): Promise<void>;
}

export function createTaskAgent(config: Config, deps: TaskAgentDeps): TaskAgentSetup {
  const { store, runtime, clock, ids } = deps;
  const logger = deps.logger.child({ module: 'task-agent' });
  const cfg = config.taskAgent;
  const provider = deps.credentials;
  const secretStore = deps.secretStore;
  const vault = new TaskCredentialsVault(provider, clock, cfg.credentialsLifetimeMs / 1000);
  const sampler = new StatsSampler();
  const views = new TaskViews(store, runtime);
  const servesEcsApi = cfg.taskAwsEndpointUrl?.replace(/\/+$/, '') === `http://${cfg.metadataAddress}`;
  const ecsApi: RequestHandler = (req, res, next) => {
    const handler = deps.ecsApi();
    if (handler) handler(req, res, next);
    else next();
  };
  const app = createMetadataApp(
    { store, runtime, directory: new TaskDirectory(store), views, vault, sampler, clock, ids, logger },
    servesEcsApi ? { ecsApi } : {},
  );
  const server = cfg.metadataEndpoint ? new MetadataServer(app, cfg.metadataAddress, METADATA_PORT, logger, clock) : null;
  const agent = new LocalTaskAgent({ config: cfg, vault, provider, secretStore, server, sampler, views, logger });
  return {
    agent,
    app,
    server,
    vault,
    async start() {
      await server?.ensureListening({ quiet: true });
    },
    async close() {
      await server?.close();
      provider.close?.();
    },
  };
}
