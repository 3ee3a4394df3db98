// An emulator on the real Docker engine for benchmarks, with a way to wait for task statuses without polling.
import { ECSClient, RegisterTaskDefinitionCommand, RunTaskCommand, StopTaskCommand } from '@aws-sdk/client-ecs';
import { testConfig } from '../src/config.js';
import { defaultVpc } from '../src/domain/network/vpc.js';
import type { TaskStatus } from '../src/domain/task.js';
import { startEmulator, type RunningEmulator } from '../src/main.js';

export const SCOPE = { accountId: '000000000000', region: 'us-east-1' };
export const FAMILY = 'bench';

export interface BenchEmulator {
  emu: RunningEmulator;
  ecs: ECSClient;
  subnetId: string;
  /** Resolves when the task first reports `status`. */
  reached(taskArn: string, status: TaskStatus): Promise<number>;
  runTasks(count: number, subnetId?: string): Promise<string[]>;
  stopTask(taskArn: string): Promise<void>;
  close(): Promise<void>;
}

export async function startBenchEmulator(
  instanceId: string,
  defaultVpcCidr: string,
  image: string,
  options: { warmPool?: boolean } = {},
): Promise<BenchEmulator> {
  const emu = await startEmulator(testConfig({ instanceId, defaultVpcCidr, launchConcurrency: 4, warmPool: options.warmPool ?? false }));
  const ecs = new ECSClient({
    endpoint: emu.endpoint,
    region: SCOPE.region,
    credentials: { accessKeyId: 'AKIDBENCH', secretAccessKey: 'bench' },
    maxAttempts: 1,
  });
  const seen = new Map<string, number>();
  const waiters = new Map<string, { resolve: (at: number) => void; reject: (err: Error) => void }>();
  emu.tasks.onTaskChanged(({ task }) => {
    const key = `${task.taskArn} ${task.lastStatus}`;
    if (seen.has(key)) return;
    const at = performance.now();
    seen.set(key, at);
    waiters.get(key)?.resolve(at);
    // A task that stopped before it ran never will: say why instead of waiting forever.
    if (task.lastStatus === 'STOPPED')
      waiters.get(`${task.taskArn} RUNNING`)?.reject(new Error(`${task.taskArn} stopped: ${task.stoppedReason}`));
  });
  await ecs.send(
    new RegisterTaskDefinitionCommand({
      family: FAMILY,
      requiresCompatibilities: ['FARGATE'],
      networkMode: 'awsvpc',
      cpu: '256',
      memory: '512',
      // Traps SIGTERM, as a well-behaved service does, so stop time measures the emulator, not a timeout.
      containerDefinitions: [{ name: 'app', image, command: ['sh', '-c', 'trap "exit 0" TERM; while true; do sleep 1 & wait $!; done'] }],
    }),
  );
  const subnetId = defaultVpc(SCOPE, 0, defaultVpcCidr).subnets[0]!.subnetId;
  return {
    emu,
    ecs,
    subnetId,
    reached(taskArn, status) {
      const key = `${taskArn} ${status}`;
      const at = seen.get(key);
      if (at !== undefined) return Promise.resolve(at);
      return new Promise((resolve, reject) => waiters.set(key, { resolve, reject }));
    },
    async runTasks(count, subnet = subnetId) {
      const arns: string[] = [];
      for (let left = count; left > 0; left -= 10) {
        const { tasks, failures } = await ecs.send(
          new RunTaskCommand({
            taskDefinition: FAMILY,
            launchType: 'FARGATE',
            count: Math.min(10, left),
            networkConfiguration: { awsvpcConfiguration: { subnets: [subnet] } },
          }),
        );
        if (failures?.length) throw new Error(`RunTask failures: ${JSON.stringify(failures)}`);
        arns.push(...tasks!.map((t) => t.taskArn!));
      }
      return arns;
    },
    async stopTask(taskArn) {
      await ecs.send(new StopTaskCommand({ task: taskArn }));
    },
    async close() {
      ecs.destroy();
      await emu.close();
    },
  };
}
