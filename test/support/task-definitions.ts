// Task definition records for tests that need one in the store without going through RegisterTaskDefinition.
import type * as Ecs from '@aws-sdk/client-ecs';
import { taskDefinitionArn } from '../../src/domain/arn.js';
import type { Scope } from '../../src/domain/scope.js';
import type { TaskDefinitionRecord } from '../../src/domain/task-definition.js';
import type { Store } from '../../src/store/store.js';
import type { TestEmulator } from './emulator.js';

export function storeTaskDefinition(
  store: Store,
  scope: Scope,
  family: string,
  containerDefinitions: Ecs.ContainerDefinition[],
  extra: Partial<TaskDefinitionRecord> = {},
): TaskDefinitionRecord {
  return store.update(scope, (s) => {
    const revision = (s.taskDefinitionFamilies[family]?.lastRevision ?? 0) + 1;
    s.taskDefinitionFamilies[family] = { lastRevision: revision };
    const td: TaskDefinitionRecord = {
      taskDefinitionArn: taskDefinitionArn(scope, family, revision),
      family,
      revision,
      status: 'ACTIVE',
      networkMode: 'awsvpc',
      requiresCompatibilities: ['FARGATE'],
      compatibilities: ['EC2', 'FARGATE'],
      cpu: '256',
      memory: '512',
      containerDefinitions,
      registeredAt: Date.now(),
      ...extra,
    };
    s.taskDefinitions[`${family}:${revision}`] = td;
    return td;
  });
}

/** A minimal revision 1 of `family` (for operations that only need one to exist, such as tagging). */
export function seedTaskDefinition(
  emu: TestEmulator,
  family: string,
  scope: Scope = { accountId: '000000000000', region: 'us-east-1' },
): string {
  const arn = taskDefinitionArn(scope, family, 1);
  emu.deps.store.update(scope, (state) => {
    state.taskDefinitions[`${family}:1`] = {
      taskDefinitionArn: arn,
      family,
      revision: 1,
      status: 'ACTIVE',
      containerDefinitions: [{ name: 'app', image: 'busybox' }],
      registeredAt: Date.now(),
    };
    state.taskDefinitionFamilies[family] = { lastRevision: 1 };
  });
  return arn;
}
