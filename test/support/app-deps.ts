// AppDeps for tests that mount createApp() themselves (protocol edge tests): an in-memory runtime behind the engine.
import type { AppDeps } from '../../src/app-deps.js';
import { FaultRegistry } from '../../src/engine/fault-registry.js';
import { ServiceScheduler } from '../../src/engine/service-scheduler.js';
import { FakeTaskRuntime } from '../fakes/fake-task-runtime.js';
import { testEngine } from './engine-tasks.js';

export function testAppDeps(base: Omit<AppDeps, 'tasks' | 'services' | 'faults'>): AppDeps {
  const tasks = testEngine({ ...base, runtime: new FakeTaskRuntime() });
  const faults = new FaultRegistry(base.clock, base.ids);
  return { ...base, tasks, faults, services: new ServiceScheduler({ ...base, tasks, faults }) };
}
