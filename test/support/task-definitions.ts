// Puts a task definition straight into the store, for tests of operations that only need one to exist
// (tagging), without depending on RegisterTaskDefinition.
import { taskDefinitionArn } from '../../src/domain/arn.js';
import type { Scope } from '../../src/domain/scope.js';
import type { TestEmulator } from './emulator.js';

export function seedTaskDefinition(emu: TestEmulator, family: string, scope: Scope = { accountId: '000000000000', region: 'us-east-1' }): string {
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
