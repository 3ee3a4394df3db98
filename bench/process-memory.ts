// The emulator's memory as users run it: `node dist/cli/main.js` in a process of its own (no tsx, no benchmark code
// in the same heap), read from /proc/<pid>/status with no task, then with `tasks` RUNNING, and its peak.
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import fs from 'node:fs/promises';
import net from 'node:net';
import path from 'node:path';
import {
  DescribeTasksCommand,
  ECSClient,
  ListClustersCommand,
  RegisterTaskDefinitionCommand,
  RunTaskCommand,
  StopTaskCommand,
} from '@aws-sdk/client-ecs';
import { defaultVpc } from '../src/domain/network/vpc.js';
import { SCOPE } from './emulator-harness.js';

export interface ProcessMemoryResult {
  tasks: number;
  /** VmRSS once the server answers, before any task. */
  idleRssMiB: number;
  /** VmRSS with every task RUNNING. */
  rssMiB: number;
  /** VmHWM: the most the process held at any point of the run. */
  peakRssMiB: number;
}

const MAIN = path.resolve('dist/cli/main.js');

async function freePort(): Promise<number> {
  const server = net.createServer().listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as net.AddressInfo;
  server.close();
  await once(server, 'close');
  return port;
}

async function memoryOf(pid: number): Promise<{ rss: number; hwm: number }> {
  const status = await fs.readFile(`/proc/${pid}/status`, 'utf8');
  const kib = (field: string) => Number(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? Number.NaN);
  return { rss: Math.round(kib('VmRSS') / 1024), hwm: Math.round(kib('VmHWM') / 1024) };
}

async function until<T>(what: string, deadlineMs: number, probe: () => Promise<T | undefined>): Promise<T> {
  const end = Date.now() + deadlineMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > end) throw new Error(`bench: gave up waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

async function stopProcess(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = once(child, 'exit');
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 30_000);
  await exited;
  clearTimeout(timer);
}

export async function benchProcessMemory(options: {
  image: string;
  instanceId: string;
  defaultVpcCidr: string;
  tasks: number;
}): Promise<ProcessMemoryResult> {
  await fs.access(MAIN).catch(() => {
    throw new Error(`bench: ${MAIN} is missing; run \`npm run build\` first (npm run bench does)`);
  });
  const port = await freePort();
  const child = spawn(
    process.execPath,
    [
      MAIN,
      '--port',
      String(port),
      '--in-memory',
      '--instance-id',
      options.instanceId,
      '--default-vpc-cidr',
      options.defaultVpcCidr,
      // Several emulators share this engine; only one can own 169.254.170.2.
      '--no-metadata-endpoint',
      '--no-warm-pool',
      '--log-level',
      'warn',
    ],
    { stdio: ['ignore', 'ignore', 'inherit'] },
  );
  const ecs = new ECSClient({
    endpoint: `http://127.0.0.1:${port}`,
    region: SCOPE.region,
    credentials: { accessKeyId: 'AKIDBENCH', secretAccessKey: 'bench' },
    maxAttempts: 1,
  });
  try {
    await until('the emulator process to answer', 30_000, () =>
      ecs.send(new ListClustersCommand({})).then(
        () => true,
        () => undefined,
      ),
    );
    const idle = await memoryOf(child.pid!);
    await ecs.send(
      new RegisterTaskDefinitionCommand({
        family: 'bench-memory',
        requiresCompatibilities: ['FARGATE'],
        networkMode: 'awsvpc',
        cpu: '256',
        memory: '512',
        containerDefinitions: [
          { name: 'app', image: options.image, command: ['sh', '-c', 'trap "exit 0" TERM; while true; do sleep 1 & wait $!; done'] },
        ],
      }),
    );
    const subnetId = defaultVpc(SCOPE, 0, options.defaultVpcCidr).subnets[0]!.subnetId;
    const arns: string[] = [];
    for (let i = 0; i < options.tasks; i += 10) {
      const out = await ecs.send(
        new RunTaskCommand({
          taskDefinition: 'bench-memory',
          launchType: 'FARGATE',
          count: Math.min(10, options.tasks - i),
          networkConfiguration: { awsvpcConfiguration: { subnets: [subnetId] } },
        }),
      );
      if (out.failures?.length) throw new Error(`bench: RunTask failed: ${JSON.stringify(out.failures)}`);
      arns.push(...out.tasks!.map((t) => t.taskArn!));
    }
    const statuses = async () => {
      const seen: string[] = [];
      for (let i = 0; i < arns.length; i += 100)
        seen.push(...(await ecs.send(new DescribeTasksCommand({ tasks: arns.slice(i, i + 100) }))).tasks!.map((t) => t.lastStatus!));
      return seen;
    };
    await until(`${arns.length} tasks RUNNING`, 300_000, async () => {
      const seen = await statuses();
      if (seen.includes('STOPPED')) throw new Error('bench: a task stopped before it ran');
      return seen.every((s) => s === 'RUNNING') || undefined;
    });
    const loaded = await memoryOf(child.pid!);
    await Promise.all(arns.map((task) => ecs.send(new StopTaskCommand({ task }))));
    await until('the tasks to stop', 300_000, async () => (await statuses()).every((s) => s === 'STOPPED') || undefined);
    const end = await memoryOf(child.pid!);
    return { tasks: arns.length, idleRssMiB: idle.rss, rssMiB: loaded.rss, peakRssMiB: end.hwm };
  } finally {
    ecs.destroy();
    await stopProcess(child);
  }
}
