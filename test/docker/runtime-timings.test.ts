// Timings of DockerTaskRuntime on the real engine, median of 10 sequential tasks. The figures are printed, not
// asserted (a loaded machine makes any fixed budget flaky; bench/ measures speed). What is asserted is the one
// thing a time can prove here: every stop ends on the app's SIGTERM, before the 10 s timeout would send SIGKILL.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { systemClock } from '../../src/domain/ports.js';
import { DockerTaskRuntime } from '../../src/runtime/docker-task-runtime.js';
import { appSpec, docker, freeTestSubnet, median, newInstanceId, quietLogger, sandboxSpecs, sweep } from './support/docker-harness.js';

const instanceId = newInstanceId('timing');
let runtime: DockerTaskRuntime;
let nextSandbox: ReturnType<typeof sandboxSpecs>;

beforeAll(async () => {
  nextSandbox = sandboxSpecs(await freeTestSubnet());
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

it('launches and stops tasks, each stop ending on SIGTERM rather than waiting for SIGKILL', async () => {
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
  // Either stop waiting for its SIGKILL would alone take the 10 s.
  for (const ms of stopMs) expect(ms).toBeLessThan(10_000);
});
