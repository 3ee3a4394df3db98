// Engine unit tests: a task stored as RunTask stores it, then handed to the engine, without the API in between.
import { randomIds } from '../../src/domain/ids.js';
import { ensureDefaultVpc } from '../../src/domain/network/network-state.js';
import type { Scope } from '../../src/domain/scope.js';
import type { TaskDefinitionRecord } from '../../src/domain/task-definition.js';
import { type NewTaskRequest, newTask } from '../../src/domain/task-factory.js';
import { testConfig } from '../../src/config.js';
import type { EngineContext } from '../../src/engine/engine-context.js';
import { TaskEngine } from '../../src/engine/task-engine.js';
import { createLogger } from '../../src/logger.js';
import type { Store } from '../../src/store/store.js';

/**
 * A task engine over these parts, the rest the tests' defaults (test config, wall clock, random ids, no log output).
 * Network clean-up runs at once, so `networkIdle()` does not wait out the second a real engine gives a mass stop.
 */
export function testEngine(parts: Pick<EngineContext, 'store' | 'runtime'> & Partial<EngineContext>): TaskEngine {
  const defaults = { config: testConfig(), clock: { now: () => Date.now() }, ids: randomIds, logger: createLogger('silent') };
  return new TaskEngine({ ...defaults, ...parts }, { networkPruneDelayMs: 0 });
}

/**
 * Stores a FARGATE task of `taskDefinition` in the default cluster, in the first default subnet unless `extra` says
 * otherwise, and submits it to `engine`; its id.
 */
export function submitTask(
  engine: TaskEngine,
  store: Store,
  scope: Scope,
  taskDefinition: TaskDefinitionRecord,
  extra: Partial<NewTaskRequest> = {},
): string {
  const taskId = store.update(scope, (s) => {
    ensureDefaultVpc(s, scope, 0);
    const t = newTask(
      {
        scope,
        clusterName: 'default',
        clusterArn: `arn:aws:ecs:${scope.region}:${scope.accountId}:cluster/default`,
        taskDefinition,
        capacityProviderName: 'FARGATE',
        platformVersion: '1.4.0',
        enableExecuteCommand: false,
        subnet: Object.values(s.subnets)[0]!,
        securityGroups: [],
        assignPublicIp: false,
        now: Date.now(),
        ...extra,
      },
      randomIds,
    );
    s.tasks[t.taskId] = t;
    return t.taskId;
  });
  engine.submit(scope, taskId);
  return taskId;
}

/** Until the engine is idle across a few turns of the event loop (a stop or a start takes several). */
export async function settle(engine: TaskEngine): Promise<void> {
  for (let i = 0; i < 5; i++) {
    await engine.idle();
    await new Promise((r) => setTimeout(r, 1));
  }
}
