import type * as Ecs from '@aws-sdk/client-ecs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FakeTaskRuntime } from '../../test/fakes/fake-task-runtime.js';
import { storeTaskDefinition } from '../../test/support/task-definitions.js';
import { testConfig } from '../config.js';
import { randomIds } from '../domain/ids.js';
import { ensureDefaultVpc } from '../domain/network/network-state.js';
import type { TaskRecord } from '../domain/task.js';
import { createLogger } from '../logger.js';
import { Store } from '../store/store.js';
import { settle as settleEngine, submitTask, testEngine } from '../../test/support/engine-tasks.js';
import type { EngineContext } from './engine-context.js';
import { PLATFORM_STOP_REASON, type TaskEngine } from './task-engine.js';

const scope = { accountId: '000000000000', region: 'us-east-1' };
let runtime: FakeTaskRuntime;
let store: Store;
let engine: TaskEngine;
let ctx: EngineContext;

beforeEach(async () => {
  runtime = new FakeTaskRuntime();
  store = await Store.open(null);
  ctx = { config: testConfig(), store, runtime, clock: { now: () => Date.now() }, ids: randomIds, logger: createLogger('silent') };
  engine = testEngine(ctx);
  await engine.start();
});
afterEach(() => engine.close());

function launch(containers: Ecs.ContainerDefinition[]): string {
  const td = storeTaskDefinition(store, scope, 'fam', containers);
  const taskId = submitTask(engine, store, scope, td);
  return taskId;
}

const task = (id: string) => store.read(scope, (s) => s.tasks[id]) as TaskRecord;
const settle = () => settleEngine(engine);

describe('TaskEngine', () => {
  it('stops a RUNNING task that loses its pause container for a platform reason, not as TaskFailedToStart', async () => {
    const id = launch([{ name: 'app', image: 'img' }]);
    await settle();
    expect(task(id).lastStatus).toBe('RUNNING');
    runtime.exit(task(id).sandbox!.pauseContainerId, 137, false);
    await settle();
    expect(task(id)).toMatchObject({ desiredStatus: 'STOPPED', stopCode: 'InfrastructureHealth', stoppedReason: PLATFORM_STOP_REASON });
  });

  it('brings a task to RUNNING with an ENI from the subnet and records every step', async () => {
    const id = launch([{ name: 'app', image: 'img' }]);
    await settle();
    const t = task(id);
    expect(t.lastStatus).toBe('RUNNING');
    expect(t.attachment).toMatchObject({ status: 'ATTACHED', privateIPv4Address: '172.31.0.4' });
    expect(t.attachment.networkInterfaceId).toMatch(/^eni-[0-9a-f]{17}$/);
    expect(t.pullStartedAt).toBeTypeOf('number');
    expect(t.pullStoppedAt).toBeTypeOf('number');
    expect(t.startedAt).toBeTypeOf('number');
    expect(t.containers[0]).toMatchObject({ lastStatus: 'RUNNING', started: true });
    expect(store.read(scope, (s) => Object.keys(s.networkInterfaces))).toEqual([t.attachment.networkInterfaceId]);
  });

  it('stops the task when an essential container exits, and frees its address', async () => {
    const id = launch([
      { name: 'app', image: 'img' },
      { name: 'side', image: 'img', essential: false },
    ]);
    await settle();
    runtime.exit(runtime.idOf(id, 'app'), 3, false);
    await settle();
    const t = task(id);
    expect(t).toMatchObject({
      lastStatus: 'STOPPED',
      stopCode: 'EssentialContainerExited',
      stoppedReason: 'Essential container in task exited',
    });
    expect(t.containers.find((c) => c.name === 'app')).toMatchObject({ exitCode: 3, lastStatus: 'STOPPED' });
    expect(t.containers.find((c) => c.name === 'side')).toMatchObject({ exitCode: 143, lastStatus: 'STOPPED' });
    expect(t.attachment.status).toBe('DELETED');
    expect(store.read(scope, (s) => Object.keys(s.networkInterfaces))).toEqual([]);
    expect(runtime.calls).toContain(`remove ${id}`);
  });

  it('lets a non-essential container exit alone', async () => {
    const id = launch([
      { name: 'app', image: 'img' },
      { name: 'side', image: 'img', essential: false },
    ]);
    await settle();
    runtime.exit(runtime.idOf(id, 'side'), 0, false);
    await settle();
    expect(task(id).lastStatus).toBe('RUNNING');
    expect(task(id).containers.find((c) => c.name === 'side')).toMatchObject({ lastStatus: 'STOPPED', exitCode: 0 });
  });

  it('reports an OOM kill as ECS does', async () => {
    const id = launch([{ name: 'app', image: 'img' }]);
    await settle();
    runtime.exit(runtime.idOf(id, 'app'), 137, true);
    await settle();
    expect(task(id).containers[0]).toMatchObject({ exitCode: 137, reason: 'OutOfMemoryError: Container killed due to memory usage' });
  });

  it('fails the task with CannotPullContainerError when an image cannot be pulled, leaving nothing', async () => {
    runtime.missingImages.add('nope');
    const id = launch([{ name: 'app', image: 'nope' }]);
    await settle();
    const t = task(id);
    expect(t).toMatchObject({ lastStatus: 'STOPPED', stopCode: 'TaskFailedToStart' });
    expect(t.stoppedReason).toMatch(/^CannotPullContainerError: /);
    expect(t.containers[0]!.reason).toMatch(/^CannotPullContainerError: /);
    expect(runtime.containers.size).toBe(0);
  });

  it('starts containers in dependsOn order and stops them in reverse', async () => {
    const id = launch([
      {
        name: 'app',
        image: 'img',
        dependsOn: [
          { containerName: 'init', condition: 'SUCCESS' },
          { containerName: 'db', condition: 'HEALTHY' },
        ],
      },
      { name: 'db', image: 'img', healthCheck: { command: ['CMD', 'true'] } },
      { name: 'init', image: 'img', essential: false },
    ]);
    await settle();
    expect(runtime.calls.filter((c) => c.startsWith('start'))).toEqual(['start db', 'start init']);
    expect(task(id).lastStatus).toBe('PENDING');
    runtime.exit(runtime.idOf(id, 'init'), 0, false);
    await settle();
    expect(runtime.calls).not.toContain('start app');
    runtime.health(runtime.idOf(id, 'db'), 'HEALTHY');
    await settle();
    expect(runtime.calls).toContain('start app');
    expect(task(id)).toMatchObject({ lastStatus: 'RUNNING', healthStatus: 'HEALTHY' });
    engine.stop(scope, id, 'UserInitiated', 'Task stopped by user');
    await settle();
    const stops = runtime.calls.filter((c) => c.startsWith('stop'));
    expect(stops).toEqual(['stop app t=30', 'stop db t=30']);
  });

  it('fails the task when a dependency condition can never hold', async () => {
    const id = launch([
      { name: 'app', image: 'img', dependsOn: [{ containerName: 'init', condition: 'SUCCESS' }] },
      { name: 'init', image: 'img', essential: false },
    ]);
    await settle();
    runtime.exit(runtime.idOf(id, 'init'), 1, false);
    await settle();
    expect(task(id)).toMatchObject({ lastStatus: 'STOPPED', stopCode: 'TaskFailedToStart' });
    expect(task(id).stoppedReason).toContain('dependency init (condition SUCCESS) cannot be met');
  });

  it('uses the container stopTimeout, capped at Fargate’s 120 seconds', async () => {
    const id = launch([{ name: 'app', image: 'img', stopTimeout: 500 }]);
    await settle();
    engine.stop(scope, id, 'UserInitiated', 'Task stopped by user');
    await settle();
    expect(runtime.calls).toContain('stop app t=120');
    expect(task(id)).toMatchObject({ lastStatus: 'STOPPED', stopCode: 'UserInitiated' });
  });

  it('fails to start when the subnet has no address left', async () => {
    store.update(scope, (s) => {
      ensureDefaultVpc(s, scope, 0);
      for (const subnet of Object.values(s.subnets)) subnet.cidrBlock = subnet.cidrBlock.replace('/20', '/29');
    });
    const ids = [
      launch([{ name: 'app', image: 'img' }]),
      launch([{ name: 'app', image: 'img' }]),
      launch([{ name: 'app', image: 'img' }]),
      launch([{ name: 'app', image: 'img' }]),
    ];
    await settle();
    // A /29 holds 8 - 5 = 3 addresses for ENIs.
    const statuses = ids.map((id) => task(id).lastStatus);
    expect(statuses.filter((s) => s === 'RUNNING')).toHaveLength(3);
    const failed = ids.map(task).find((t) => t.lastStatus === 'STOPPED')!;
    expect(failed.stoppedReason).toContain('InsufficientFreeAddressesInSubnet');
  });

  it('adopts running tasks after a restart and applies exits it missed', async () => {
    const a = launch([{ name: 'app', image: 'img' }]);
    const b = launch([{ name: 'app', image: 'img' }]);
    await settle();
    await engine.close();
    // While the emulator is down, b's container exits.
    const bApp = runtime.idOf(b, 'app');
    runtime.containers.get(bApp)!.state = { ...runtime.containers.get(bApp)!.state, running: false, exitCode: 2 };
    engine = testEngine(ctx);
    await engine.start();
    await settle();
    expect(task(a).lastStatus).toBe('RUNNING');
    expect(task(b)).toMatchObject({ lastStatus: 'STOPPED', stopCode: 'EssentialContainerExited' });
    expect(task(b).containers[0]!.exitCode).toBe(2);
  });

  it('reaches STOPPED even when the runtime cannot remove the containers', async () => {
    const id = launch([{ name: 'app', image: 'img' }]);
    await settle();
    runtime.removeTask = async () => {
      throw new Error('connect ENOENT /var/run/docker.sock');
    };
    engine.stop(scope, id, 'UserInitiated', 'Task stopped by user');
    await settle();
    expect(task(id)).toMatchObject({ lastStatus: 'STOPPED', stopCode: 'UserInitiated' });
    expect(task(id).attachment.status).toBe('DELETED');
  });
});
