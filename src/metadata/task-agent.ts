// The TaskAgent port as this emulator implements it: the task role's credentials come from the vault (issued at
// start so a role that cannot be assumed stops the task), and the execution role fetches secrets, registry
// credentials and environment files before any container starts. Its credentials are used here and never given a
// credentials id, so no container can obtain them. Results are kept in memory only; after a restart they are
// fetched again when a container still has to start.
import type * as Ecs from '@aws-sdk/client-ecs';
import type { TaskAgentConfig } from '../config.js';
import type { CredentialsProvider } from '../credentials/role-credentials.js';
import type { TaskCredentialsVault } from '../credentials/task-credentials-vault.js';
import type { Scope } from '../domain/scope.js';
import { TaskStartFailure, type InjectedEnvironment, type TaskAgent } from '../domain/task-agent.js';
import type { TaskDefinitionRecord } from '../domain/task-definition.js';
import type { RegistryAuth } from '../domain/task-runtime.js';
import type { TaskRecord } from '../domain/task.js';
import type { Logger } from '../logger.js';
import { readEnvironmentFiles } from '../secrets/environment-files.js';
import { resolveSecrets } from '../secrets/secret-resolver.js';
import type { SecretStore } from '../secrets/secret-store.js';
import type { MetadataServer } from './metadata-server.js';
import type { StatsSampler } from './stats.js';
import type { TaskViews } from './task-view.js';

interface Prepared {
  files: Record<string, Record<string, string>>;
  secrets: Record<string, Record<string, string>>;
  registryAuth: Record<string, RegistryAuth>;
}

export interface LocalTaskAgentDeps {
  config: TaskAgentConfig;
  vault: TaskCredentialsVault;
  /** Issues the execution role's credentials (the same source as the task role's). */
  provider: CredentialsProvider;
  secretStore: SecretStore;
  server: MetadataServer | null;
  sampler: StatsSampler;
  views: TaskViews;
  logger: Logger;
}

/** RunTask's refusal on AWS when ECS cannot assume the task role; here it stops the task instead. */
const cannotAssume = (roleArn: string) =>
  `ResourceInitializationError: ECS was unable to assume the role '${roleArn}' that was provided for this task. Please verify that the role being passed has the proper trust relationship and permissions and that your IAM user has permissions to pass this role.`;

export class LocalTaskAgent implements TaskAgent {
  private readonly prepared = new Map<string, Prepared>();

  constructor(private readonly deps: LocalTaskAgentDeps) {}

  async prepare(scope: Scope, task: TaskRecord, td: TaskDefinitionRecord): Promise<void> {
    await this.deps.server?.ensureListening();
    const credentialsId = task.endpoints?.credentialsId;
    if (credentialsId && task.taskRoleArn) {
      try {
        await this.deps.vault.credentials({ credentialsId, roleArn: task.taskRoleArn, taskId: task.taskId, region: scope.region });
      } catch (err) {
        this.deps.logger.warn({ err, taskId: task.taskId }, 'task role credentials could not be issued');
        throw new TaskStartFailure(cannotAssume(task.taskRoleArn));
      }
    }
    this.prepared.set(task.taskId, await this.resolve(scope, task, td));
  }

  async containerEnvironment(
    scope: Scope,
    task: TaskRecord,
    td: TaskDefinitionRecord,
    containerName: string,
  ): Promise<InjectedEnvironment> {
    let prepared = this.prepared.get(task.taskId);
    if (!prepared) {
      prepared = await this.resolve(scope, task, td);
      this.prepared.set(task.taskId, prepared);
    }
    return { files: prepared.files[containerName] ?? {}, secrets: prepared.secrets[containerName] ?? {} };
  }

  registryAuth(taskId: string, containerName: string): RegistryAuth | undefined {
    return this.prepared.get(taskId)?.registryAuth[containerName];
  }

  release(task: TaskRecord): void {
    this.prepared.delete(task.taskId);
    if (task.endpoints?.credentialsId) this.deps.vault.release(task.endpoints.credentialsId);
    this.deps.sampler.forget(task.containers.flatMap((c) => (c.dockerId ? [c.dockerId] : [])));
    this.deps.views.forget(task.taskId);
  }

  private async resolve(scope: Scope, task: TaskRecord, td: TaskDefinitionRecord): Promise<Prepared> {
    const { config, provider, secretStore } = this.deps;
    const overrides = (task.overrides as Ecs.TaskOverride).containerOverrides ?? [];
    const containers = td.containerDefinitions.map((def) => ({
      name: def.name!,
      secrets: (def.secrets ?? []).filter((s) => s.name && s.valueFrom).map((s) => ({ name: s.name!, valueFrom: s.valueFrom! })),
      registryCredentials: def.repositoryCredentials?.credentialsParameter,
      environmentFiles: overrides.find((o) => o.name === def.name)?.environmentFiles ?? def.environmentFiles ?? [],
    }));
    const executionCredentials = () =>
      provider.issue({
        roleArn: task.executionRoleArn!,
        sessionName: task.taskId,
        region: scope.region,
        durationSeconds: config.credentialsLifetimeMs / 1000,
      });
    const resolved = await resolveSecrets(
      containers,
      { region: scope.region, executionRoleArn: task.executionRoleArn, executionCredentials },
      secretStore,
    );
    const files: Record<string, Record<string, string>> = {};
    for (const c of containers) {
      if (c.environmentFiles.length === 0) continue;
      if (!task.executionRoleArn) {
        throw new TaskStartFailure(
          'ResourceInitializationError: failed to download env files: environment file resource: unable to find execution role credentials',
        );
      }
      const specs = c.environmentFiles.map((f) => ({ value: f.value ?? '', type: f.type ?? '' }));
      files[c.name] = await readEnvironmentFiles(specs, config.environmentFilesDir);
    }
    return { files, secrets: resolved.environment, registryAuth: resolved.registryAuth };
  }
}
