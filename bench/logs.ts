// Benchmark: one container prints LINES lines as fast as it can through the awslogs driver, on the real Docker
// engine, with the log store on disk. Measures: every line retrievable in order (none lost, none repeated), the time
// from the last line being written (its Docker timestamp) to GetLogEvents first returning it, and the emulator
// process's memory (RSS, heap) before and at its peak during the burst.
// Standalone: `tsx bench/logs.ts` (BENCH_LOG_LINES to change the count); `npm run bench` runs it too.
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { CloudWatchLogsClient, GetLogEventsCommand } from '@aws-sdk/client-cloudwatch-logs';
import { ECSClient, RegisterTaskDefinitionCommand, RunTaskCommand, StopTaskCommand, waitUntilTasksStopped } from '@aws-sdk/client-ecs';
import Dockerode from 'dockerode';
import { testConfig } from '../src/config.js';
import { defaultVpc } from '../src/domain/network/vpc.js';
import { startEmulator } from '../src/main.js';
import { ensureBusyboxImage } from '../test/docker/images.js';
import { sweep } from '../test/docker/support/docker-harness.js';

export interface LogBurstResult {
  lines: number;
  retrieved: number;
  inOrderWithoutGaps: boolean;
  /** Container start → last line written (Docker's timestamps of the first and last line). */
  writeMs: number;
  /** Last line written → first returned by GetLogEvents. */
  lastLineLatencyMs: number;
  rssBeforeMiB: number;
  rssPeakMiB: number;
  heapPeakMiB: number;
  storedMiB: number;
}

const SCOPE = { accountId: '000000000000', region: 'us-east-1' };
const GROUP = '/bench/burst';
const MiB = 2 ** 20;

export async function benchLogBurst(options: {
  lines?: number;
  image: string;
  instanceId: string;
  defaultVpcCidr: string;
}): Promise<LogBurstResult> {
  const lines = options.lines ?? 100_000;
  const dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'fl-bench-logs-'));
  const emu = await startEmulator(testConfig({ instanceId: options.instanceId, defaultVpcCidr: options.defaultVpcCidr, dataDir }));
  const credentials = { accessKeyId: 'AKIDBENCH', secretAccessKey: 'bench' };
  const ecs = new ECSClient({ endpoint: emu.endpoint, region: SCOPE.region, credentials, maxAttempts: 1 });
  const logs = new CloudWatchLogsClient({ endpoint: emu.endpoint, region: SCOPE.region, credentials, maxAttempts: 1 });
  let peakRss = 0;
  let peakHeap = 0;
  const sampler = setInterval(() => {
    const m = process.memoryUsage();
    peakRss = Math.max(peakRss, m.rss);
    peakHeap = Math.max(peakHeap, m.heapUsed);
  }, 20);
  try {
    await ecs.send(
      new RegisterTaskDefinitionCommand({
        family: 'bench-logs',
        requiresCompatibilities: ['FARGATE'],
        networkMode: 'awsvpc',
        cpu: '256',
        memory: '512',
        executionRoleArn: 'arn:aws:iam::000000000000:role/ecsTaskExecutionRole',
        containerDefinitions: [
          {
            name: 'app',
            image: options.image,
            command: ['sh', '-c', `seq 1 ${lines}; echo DONE; trap "exit 0" TERM; while true; do sleep 1 & wait $!; done`],
            logConfiguration: {
              logDriver: 'awslogs',
              options: {
                'awslogs-group': GROUP,
                'awslogs-region': SCOPE.region,
                'awslogs-stream-prefix': 'bench',
                'awslogs-create-group': 'true',
              },
            },
          },
        ],
      }),
    );
    const subnet = defaultVpc(SCOPE, 0, options.defaultVpcCidr).subnets[0]!.subnetId;
    global.gc?.();
    const rssBefore = process.memoryUsage().rss;
    peakRss = rssBefore;
    const { tasks } = await ecs.send(
      new RunTaskCommand({
        taskDefinition: 'bench-logs',
        launchType: 'FARGATE',
        networkConfiguration: { awsvpcConfiguration: { subnets: [subnet] } },
      }),
    );
    const arn = tasks![0]!.taskArn!;
    const stream = `bench/app/${arn.split('/').pop()}`;

    // Poll the newest event until the last line is there; the latency is measured against its write time.
    let last: { timestamp: number; returnedAt: number } | undefined;
    while (!last) {
      const page = await logs.send(new GetLogEventsCommand({ logGroupName: GROUP, logStreamName: stream, limit: 1 })).catch(() => null);
      const event = page?.events?.[0];
      if (event?.message === 'DONE') last = { timestamp: event.timestamp!, returnedAt: Date.now() };
      else await new Promise((r) => setTimeout(r, 10));
    }

    // Everything, from the head, in pages.
    const messages: string[] = [];
    let first: number | undefined;
    let token: string | undefined;
    for (;;) {
      const page = await logs.send(
        new GetLogEventsCommand({ logGroupName: GROUP, logStreamName: stream, startFromHead: true, nextToken: token }),
      );
      first ??= page.events![0]?.timestamp;
      messages.push(...page.events!.map((e) => e.message!));
      if (page.nextForwardToken === token) break;
      token = page.nextForwardToken;
    }
    const numbers = messages.slice(0, -1);
    const inOrder = numbers.length === lines && numbers.every((m, i) => m === String(i + 1)) && messages.at(-1) === 'DONE';

    await ecs.send(new StopTaskCommand({ task: arn }));
    await waitUntilTasksStopped({ client: ecs, maxWaitTime: 120, minDelay: 1, maxDelay: 1 }, { tasks: [arn] });
    return {
      lines,
      retrieved: numbers.length,
      inOrderWithoutGaps: inOrder,
      writeMs: last.timestamp - (first ?? last.timestamp),
      lastLineLatencyMs: last.returnedAt - last.timestamp,
      rssBeforeMiB: Math.round(rssBefore / MiB),
      rssPeakMiB: Math.round(peakRss / MiB),
      heapPeakMiB: Math.round(peakHeap / MiB),
      storedMiB: Math.round((emu.logs.bytesKept() / MiB) * 10) / 10,
    };
  } finally {
    clearInterval(sampler);
    ecs.destroy();
    logs.destroy();
    await emu.close();
    await sweep(options.instanceId);
    await fs.rm(dataDir, { recursive: true, force: true });
  }
}

export function printLogBurst(r: LogBurstResult): void {
  console.log(
    `awslogs burst of ${r.lines} lines: ${r.retrieved} retrieved, in order without gaps ${r.inOrderWithoutGaps}; ` +
      `written in ${r.writeMs} ms; last line written → GetLogEvents ${r.lastLineLatencyMs} ms; ` +
      `RSS ${r.rssBeforeMiB} → peak ${r.rssPeakMiB} MiB (heap peak ${r.heapPeakMiB} MiB); ${r.storedMiB} MiB on disk`,
  );
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const docker = new Dockerode();
  const image = await ensureBusyboxImage(docker);
  const result = await benchLogBurst({
    lines: Number(process.env.BENCH_LOG_LINES ?? 100_000),
    image,
    instanceId: `bench-logs-${Date.now().toString(36)}`,
    defaultVpcCidr: process.env.BENCH_LOG_VPC_CIDR ?? '10.131.0.0/16',
  });
  printLogBurst(result);
}
