// TaskDefinitionRecord → the wire TaskDefinition (timestamps as Dates), and the tags DescribeTaskDefinition may add.
import type * as Ecs from '@aws-sdk/client-ecs';
import type { TaskDefinitionRecord } from '../../domain/task-definition.js';
import type { RegionState } from '../../store/schema.js';

export function toWireTaskDefinition(record: TaskDefinitionRecord): Ecs.TaskDefinition {
  const { registeredAt, deregisteredAt, deleteRequestedAt, ...rest } = record;
  const wire: Ecs.TaskDefinition = { ...rest, registeredAt: new Date(registeredAt) };
  if (deregisteredAt !== undefined) wire.deregisteredAt = new Date(deregisteredAt);
  if (deleteRequestedAt !== undefined) wire.deleteRequestedAt = new Date(deleteRequestedAt);
  return wire;
}

export function wireTagsOf(state: Readonly<RegionState>, arn: string): Ecs.Tag[] {
  return (state.tags[arn] ?? []).map((t) => ({ key: t.key, value: t.value }));
}
