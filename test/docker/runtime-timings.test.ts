// Timings of DockerTaskRuntime on the real engine, median of 10 sequential tasks (printed; the bounds are loose,
// only there to catch gross regressions such as a stop that waits for SIGKILL).
import { afterAll, beforeAll, expect, it } from 'vitest';
import { systemClock } from '../../src/domain/ports.js';
import { DockerTaskRuntime } from '../../src/runtime/docker-task-runtime.js';
import { appSpec, docker, freeTestSubnet, median, newInstanceId, quietLogger, sandboxSpecs, sweep } from './support/docker-harness.js';

const instanceId = newInstanceId('timing');
let runtime: DockerTaskRuntime;
let nextSandbox: ReturnType<typeof sandboxSpecs>;

beforeAll(async () => {
  nextSandbox = sandboxSpecs(await freeTestSubnet(instanceId));
  runtime = new DockerTaskRuntime({ docker, instanceId, logger: quietLogger, clock: systemClock });
  // Warm-up: pause image import and network creation are one-off costs.
  const spec = nextSandbox();
  await runtime.createSandbox(spec, { cpu: 256, memory: 512 });
  await runtime.removeTask(spec.task.taskId);
});

afterAll(async () => {
  await runtime?.close();
  await sweep(instanceId);
});

it('launches and stops tasks within the budget measured for this design', async () => {
  const sandboxMs: number[] = [];
  const appMs: number[] = [];
  const stopMs: number[] = [];
  const removeMs: number[] = [];
  for (let i = 0; i < 10; i++) {
    const spec = nextSandbox();
    let t = performance.now();
    const sandbox = await runtime.createSandbox(spec, { cpu: 256, memory: 512 });
    sandboxMs.push(performance.now() - t);
    t = performance.now();
    const app = await runtime.startContainer(
      spec.task,
      sandbox,
      appSpec('app', ['sh', '-c', "trap 'exit 0' TERM; while true; do sleep 0.1; done"]),
    );
    appMs.push(performance.now() - t);
    t = performance.now();
    await runtime.stopContainer(app.dockerId, 10);
    await runtime.stopContainer(sandbox.pauseContainerId, 10);
    stopMs.push(performance.now() - t);
    t = performance.now();
    await runtime.removeTask(spec.task.taskId);
    removeMs.push(performance.now() - t);
  }
  const p50 = { sandbox: median(sandboxMs), app: median(appMs), stop: median(stopMs), remove: median(removeMs) };
  console.log(
    `runtime timings, p50 of 10 (ms): ${JSON.stringify(Object.fromEntries(Object.entries(p50).map(([k, v]) => [k, Math.round(v)])))}`,
  );
  expect(p50.sandbox).toBeLessThan(5_000);
  expect(p50.app).toBeLessThan(5_000);
  expect(p50.stop).toBeLessThan(5_000);
  expect(p50.remove).toBeLessThan(5_000);
});
