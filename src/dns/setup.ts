// Builds the task resolver from the configuration and the store (called by the composition root). It serves where
// the metadata endpoint does, and only when that is on.
import type { Config } from '../config.js';
import { answerQuery } from '../domain/cloudmap/dns-answers.js';
import { answerClientAlias } from '../domain/cloudmap/service-connect.js';
import type { Clock } from '../domain/ports.js';
import type { Logger } from '../logger.js';
import type { Store } from '../store/store.js';
import { type DnsCaller, DnsServer } from './dns-server.js';
import { systemResolvers } from './upstream.js';
import { liveTasks } from '../store/queries.js';

export interface TaskResolver {
  server: DnsServer;
  /** What a new task's pause container names as its DNS server; undefined when the resolver cannot serve. */
  resolvers(): Promise<string[] | undefined>;
}

/** The task whose agent-network address this is, as account/region and VPC (stopped tasks are no callers). */
export function callerOf(store: Store, address: string): DnsCaller | undefined {
  for (const scope of store.scopes()) {
    const task = store.read(scope, (s) => liveTasks(s).find((t) => t.sandbox?.agentIpv4Address === address));
    if (task) return { scope, vpcId: task.attachment.vpcId, taskId: task.taskId };
  }
  return undefined;
}

export function createTaskResolver(
  config: Config,
  deps: { store: Store; logger: Logger; clock: Clock },
  upstreams: string[] = systemResolvers(),
): TaskResolver | undefined {
  if (!config.taskAgent.metadataEndpoint) return undefined;
  const address = config.taskAgent.metadataAddress;
  const logger = deps.logger.child({ module: 'task-dns' });
  const server = new DnsServer(
    {
      callerOf: (source) => callerOf(deps.store, source),
      answer: (caller, name, type) =>
        deps.store.read(caller.scope, (s) => answerQuery(s, caller.vpcId, name, type) ?? answerClientAlias(s, caller.taskId, name, type)),
      upstreams,
      logger,
      clock: deps.clock,
    },
    address,
  );
  return {
    server,
    async resolvers() {
      return (await server.ensureListening()) ? [address] : undefined;
    },
  };
}
