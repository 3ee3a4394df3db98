import type * as Ecs from '@aws-sdk/client-ecs';
import { daemonTaskDefinitionArn } from '../domain/arn.js';
import { assertValidDaemonTaskDefinition } from '../domain/daemon.js';
import { validateTags } from '../domain/tags.js';
import { registeredByOf } from '../domain/task-definition-registration.js';
import type { ActionContext } from './context.js';

/** The family's next revision (revisions are never reused). */
export function registerDaemonTaskDefinition(
  ctx: ActionContext,
  input: Ecs.RegisterDaemonTaskDefinitionRequest,
): Ecs.RegisterDaemonTaskDefinitionResponse {
  const { scope, deps } = ctx;
  assertValidDaemonTaskDefinition(input);
  const tags = validateTags(input.tags ?? []);
  const now = deps.clock.now();
  return deps.store.update(scope, (state) => {
    const family = input.family!;
    const revision = (state.daemonTaskDefinitionFamilies[family]?.lastRevision ?? 0) + 1;
    state.daemonTaskDefinitionFamilies[family] = { lastRevision: revision };
    const arn = daemonTaskDefinitionArn(scope, family, revision);
    state.daemonTaskDefinitions[`${family}:${revision}`] = JSON.parse(
      JSON.stringify({
        daemonTaskDefinitionArn: arn,
        family,
        revision,
        taskRoleArn: input.taskRoleArn,
        executionRoleArn: input.executionRoleArn,
        containerDefinitions: input.containerDefinitions,
        volumes: input.volumes,
        cpu: input.cpu,
        memory: input.memory,
        pidMode: input.pidMode,
        ipcMode: input.ipcMode,
        status: 'ACTIVE',
        registeredAt: now,
        registeredBy: registeredByOf(scope),
      }),
    );
    if (tags.length) state.tags[arn] = tags;
    return { daemonTaskDefinitionArn: arn };
  });
}
