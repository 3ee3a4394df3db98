import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FakeTaskRuntime } from '../../test/fakes/fake-task-runtime.js';
import { storeTaskDefinition } from '../../test/support/task-definitions.js';
import { Store } from '../store/store.js';
import { settle as settleEngine, submitTask, testEngine } from '../../test/support/engine-tasks.js';
import type { TaskChange } from './engine-context.js';
import type { TaskEngine } from './task-engine.js';

const scope = { accountId: '000000000000', region: 'us-east-1' };
let store: Store;
let engine: TaskEngine;
const settle = () => settleEngine(engine);

beforeEach(async () => {
  store = await Store.open(null);
  engine = testEngine({ store, runtime: new FakeTaskRuntime() });
  await engine.start();
});
afterEach(() => engine.close());

describe('TaskEngine observers', () => {
  it('hear the submission and every stored change, in order, with the state before', async () => {
    const changes: TaskChange[] = [];
    const off = engine.onTaskChanged((c) => changes.push(c));
    const td = storeTaskDefinition(store, scope, 'fam', [{ name: 'app', image: 'img' }]);
    const taskId = submitTask(engine, store, scope, td, { capacityProviderName: 'FARGATE_SPOT' });
    await settle();
    engine.stop(scope, taskId, 'SpotInterruption', 'Your Spot Task was interrupted.', { graceSeconds: 5, allAtOnce: true });
    await settle();
    off();
    expect(changes[0]!.previous).toBeNull();
    expect(changes[0]!.task.lastStatus).toBe('PROVISIONING');
    const statuses = changes.map((c) => `${c.task.lastStatus}/${c.task.desiredStatus}`);
    const dedup = statuses.filter((s, i) => s !== statuses[i - 1]);
    expect(dedup).toEqual([
      'PROVISIONING/RUNNING',
      'PENDING/RUNNING',
      'RUNNING/RUNNING',
      'RUNNING/STOPPED',
      'STOPPING/STOPPED',
      'DEPROVISIONING/STOPPED',
      'STOPPED/STOPPED',
    ]);
    const warning = changes.find((c) => c.task.desiredStatus === 'STOPPED')!;
    expect(warning.previous).toMatchObject({ lastStatus: 'RUNNING', desiredStatus: 'RUNNING' });
    expect(warning.task).toMatchObject({ stopCode: 'SpotInterruption', stoppedReason: 'Your Spot Task was interrupted.' });
    for (const c of changes.slice(1)) expect(c.task.version).toBeGreaterThanOrEqual(c.previous!.version);
  });
});
