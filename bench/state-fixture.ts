// What the state-at-scale benchmark's processes share: the emulator on the in-memory runtime (no Docker), a raw
// keep-alive JSON 1.1 client, and the seeding of stored tasks and revisions.
import http from 'node:http';
import { testConfig } from '../src/config.js';
import { defaultVpc } from '../src/domain/network/vpc.js';
import type { TaskDefinitionRecord } from '../src/domain/task-definition.js';
import type { TaskRecord } from '../src/domain/task.js';
import { startEmulator, type RunningEmulator } from '../src/main.js';
import { FakeTaskRuntime } from '../test/fakes/fake-task-runtime.js';

export const SCOPE = { accountId: '000000000000', region: 'us-east-1' };
export const CLUSTER = 'scale';
export const FAMILY = 'scale';

/** A keep-alive JSON 1.1 client with no SDK in the way, so the numbers are the emulator's. */
export class RawClient {
  private readonly agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
  constructor(private readonly port: number) {}
  call(op: string, body: unknown): Promise<Record<string, unknown>> {
    const data = JSON.stringify(body);
    return new Promise((resolve, reject) => {
      const req = http.request(
        {
          host: '127.0.0.1',
          port: this.port,
          method: 'POST',
          path: '/',
          agent: this.agent,
          headers: {
            'content-type': 'application/x-amz-json-1.1',
            'x-amz-target': `AmazonEC2ContainerServiceV20141113.${op}`,
            authorization: 'AWS4-HMAC-SHA256 Credential=AKIDBENCH/20260101/us-east-1/ecs/aws4_request',
            'content-length': Buffer.byteLength(data),
          },
        },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () => {
            const text = Buffer.concat(chunks).toString();
            if (res.statusCode !== 200) reject(new Error(`${op}: ${res.statusCode} ${text}`));
            else resolve(JSON.parse(text) as Record<string, unknown>);
          });
        },
      );
      req.on('error', reject);
      req.end(data);
    });
  }
  close(): void {
    this.agent.destroy();
  }
}

export interface Setup {
  emu: RunningEmulator;
  client: RawClient;
  subnet: string;
}

export async function start(dataDir: string, stoppedTaskRetentionMs?: number): Promise<Setup> {
  const retention = stoppedTaskRetentionMs !== undefined ? { stoppedTaskRetentionMs } : {};
  const config = testConfig({ dataDir, instanceId: 'bench-scale', taskAgent: { metadataEndpoint: false }, ...retention });
  const emu = await startEmulator(config, { runtime: new FakeTaskRuntime() });
  const subnet = defaultVpc(SCOPE, 0).subnets[0]!.subnetId;
  return { emu, client: new RawClient(emu.port), subnet };
}

export const runTaskBody = (subnet: string) => ({
  cluster: CLUSTER,
  taskDefinition: FAMILY,
  launchType: 'FARGATE',
  networkConfiguration: { awsvpcConfiguration: { subnets: [subnet] } },
});

/** Resolves once every one of these tasks is STOPPED in the store. */
export function allStopped(s: Setup, taskIds: readonly string[]): Promise<void> {
  const done = () => s.emu.deps.store.read(SCOPE, (st) => taskIds.every((id) => st.tasks[id]?.lastStatus === 'STOPPED'));
  if (done()) return Promise.resolve();
  return new Promise((resolve) => {
    const off = s.emu.tasks.onTaskChanged(() => {
      if (!done()) return;
      off();
      resolve();
    });
  });
}

/** One real stopped task and one real revision, to copy. */
async function templates(s: Setup): Promise<{ task: TaskRecord; td: TaskDefinitionRecord }> {
  await s.client.call('CreateCluster', { clusterName: CLUSTER });
  await s.client.call('RegisterTaskDefinition', {
    family: FAMILY,
    requiresCompatibilities: ['FARGATE'],
    networkMode: 'awsvpc',
    cpu: '256',
    memory: '512',
    containerDefinitions: [{ name: 'app', image: 'busybox', command: ['sleep', '3600'] }],
  });
  const run = await s.client.call('RunTask', runTaskBody(s.subnet));
  const arn = (run.tasks as { taskArn: string }[])[0]!.taskArn;
  const id = arn.split('/').pop()!;
  const stopped = allStopped(s, [id]);
  await s.client.call('StopTask', { cluster: CLUSTER, task: arn });
  await stopped;
  return s.emu.deps.store.read(SCOPE, (st) => ({
    task: structuredClone(st.tasks[id]!),
    td: structuredClone(Object.values(st.taskDefinitions).find((t) => t.family === FAMILY)!),
  }));
}

/**
 * Creates the cluster and the family every level's calls use, then adds `tasks` stopped tasks (a tenth of them with a
 * service group) and `revisions` revisions of another family, in chunks, put in through the store as a long-running
 * emulator would have accumulated them.
 */
export async function seed(s: Setup, tasks: number, revisions: number): Promise<void> {
  const tpl = await templates(s);
  for (let done = 0; done < tasks; done += 500) {
    s.emu.deps.store.update(SCOPE, (st) => {
      for (let i = done; i < Math.min(tasks, done + 500); i++) {
        const id = (i + 1).toString(16).padStart(32, '0');
        const t = structuredClone(tpl.task);
        t.taskId = id;
        t.taskArn = tpl.task.taskArn.replace(tpl.task.taskId, id);
        t.stoppedAt = Date.now();
        if (i % 10 === 0) t.group = 'service:old';
        st.tasks[id] = t;
      }
    });
    await s.emu.deps.store.flush();
  }
  for (let done = 0; done < revisions; done += 100) {
    s.emu.deps.store.update(SCOPE, (st) => {
      for (let i = done; i < Math.min(revisions, done + 100); i++) {
        const family = 'seeded';
        const revision = (st.taskDefinitionFamilies[family]?.lastRevision ?? 0) + 1;
        st.taskDefinitionFamilies[family] = { lastRevision: revision };
        st.taskDefinitions[`${family}:${revision}`] = {
          ...structuredClone(tpl.td),
          family,
          revision,
          taskDefinitionArn: tpl.td.taskDefinitionArn.replace(`${FAMILY}:1`, `${family}:${revision}`),
        };
      }
    });
    await s.emu.deps.store.flush();
  }
}
