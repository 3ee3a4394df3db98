import type * as Ecs from '@aws-sdk/client-ecs';
import { planRegistration } from '../domain/task-definition-registration.js';
import { taskDefinitionKey } from '../domain/task-definition.js';
import type { ActionContext } from './context.js';
import { toWireTaskDefinition } from './wire/task-definition.js';

export function registerTaskDefinition(ctx: ActionContext, input: Ecs.RegisterTaskDefinitionRequest): Ecs.RegisterTaskDefinitionResponse {
  const { scope, deps } = ctx;
  const now = deps.clock.now();
  const tags = (input.tags ?? []).map((t) => ({ key: t.key ?? '', value: t.value ?? '' }));
  const record = deps.store.update(scope, (state) => {
    const next = planRegistration(state, input, { scope, now });
    state.taskDefinitions[taskDefinitionKey(next.family, next.revision)] = next;
    state.taskDefinitionFamilies[next.family] = { lastRevision: next.revision };
    if (tags.length) state.tags[next.taskDefinitionArn] = tags;
    return next;
  });
  const response: Ecs.RegisterTaskDefinitionResponse = { taskDefinition: toWireTaskDefinition(record) };
  if (tags.length) response.tags = tags;
  return response;
}
