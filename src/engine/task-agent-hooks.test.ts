// The engine's calls into the TaskAgent port: endpoint ids before anything runs, prepare in PENDING before the pull
// (its failure stops the task with its reason), registry credentials for the pull, injected variables by precedence,
// release once STOPPED.
import type * as Ecs from '@aws-sdk/client-ecs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FakeTaskRuntime } from '../../test/fakes/fake-task-runtime.js';
import { storeTaskDefinition } from '../../test/support/task-definitions.js';
import { testConfig } from '../config.js';
import { TaskStartFailure, type InjectedEnvironment, type TaskAgent } from '../domain/task-agent.js';
import type { TaskRecord } from '../domain/task.js';
import { Store } from '../store/store.js';
import { settle as settleEngine, submitTask, testEngine } from '../../test/support/engine-tasks.js';
import type { TaskEngine } from './task-engine.js';

const scope = { accountId: '000000000000', region: 'us-east-1' };
const REASON = 'ResourceInitializationError: unable to pull secrets or registry auth: execution resource retrieval failed: nope';

class FakeAgent implements TaskAgent {
  calls: string[] = [];
  failWith: string | null = null;
  injected: InjectedEnvironment = { files: {}, secrets: {} };
  async prepare(_scope: unknown, task: TaskRecord) {
    this.calls.push(
      `prepare endpoints=${Object.keys(task.endpoints?.containers ?? {}).join(',')} credentials=${Boolean(task.endpoints?.credentialsId)}`,
    );
    if (this.failWith) throw new TaskStartFailure(this.failWith);
  }
  async containerEnvironment(_s: unknown, _t: TaskRecord, _td: unknown, name: string) {
    this.calls.push(`environment ${name}`);
    return this.injected;
  }
  registryAuth(_taskId: string, name: string) {
    return name === 'app' ? { username: 'u', password: 'p' } : undefined;
  }
  release(task: TaskRecord) {
    this.calls.push(`release ${task.lastStatus}`);
  }
}

let runtime: FakeTaskRuntime;
let store: Store;
let engine: TaskEngine;
let agent: FakeAgent;

beforeEach(async () => {
  runtime = new FakeTaskRuntime();
  store = await Store.open(null);
  agent = new FakeAgent();
  const config = testConfig({ taskAgent: { metadataEndpoint: true } });
  engine = testEngine({ config, store, runtime, agent });
  await engine.start();
});
afterEach(() => engine.close());

function launch(containers: Ecs.ContainerDefinition[], extra: { taskRoleArn?: string } = {}): string {
  const td = storeTaskDefinition(store, scope, 'fam', containers, extra);
  const taskId = submitTask(engine, store, scope, td);
  return taskId;
}

const task = (id: string) => store.read(scope, (s) => s.tasks[id]) as TaskRecord;
const settle = () => settleEngine(engine);

describe('the engine and the task agent', () => {
  it('assigns endpoint ids, prepares before the pull, pulls with registry credentials, injects variables by precedence', async () => {
    agent.injected = { files: { FROM_FILE: 'f', OVERRIDDEN: 'file' }, secrets: { SECRET: 's', AWS_REGION: 'not-this' } };
    const id = launch(
      [
        {
          name: 'app',
          image: 'private/img',
          environment: [
            { name: 'OVERRIDDEN', value: 'definition' },
            { name: 'SECRET', value: 'definition' },
          ],
        },
        { name: 'side', image: 'public/img' },
      ],
      { taskRoleArn: 'arn:aws:iam::000000000000:role/r' },
    );
    await settle();
    const t = task(id);
    expect(t.lastStatus).toBe('RUNNING');
    expect(agent.calls[0]).toBe('prepare endpoints=app,side credentials=true');
    expect(runtime.calls.filter((c) => c.startsWith('pull'))).toEqual(['pull private/img as u', 'pull public/img']);
    const spec = [...runtime.containers.values()].find((c) => c.name === 'app')!.spec!;
    expect(spec.environment).toMatchObject({
      FROM_FILE: 'f',
      OVERRIDDEN: 'definition',
      SECRET: 's',
      AWS_REGION: 'us-east-1',
      ECS_CONTAINER_METADATA_URI_V4: `http://169.254.170.2/v4/${t.endpoints!.containers.app}`,
      AWS_CONTAINER_CREDENTIALS_RELATIVE_URI: `/v2/credentials/${t.endpoints!.credentialsId}`,
    });
  });

  it('a failed prepare stops the task with its reason before any image is pulled or container started', async () => {
    agent.failWith = REASON;
    const id = launch([{ name: 'app', image: 'img' }]);
    await settle();
    const t = task(id);
    expect(t).toMatchObject({ lastStatus: 'STOPPED', stopCode: 'TaskFailedToStart', stoppedReason: REASON });
    expect(runtime.calls.some((c) => c.startsWith('pull') || c.startsWith('start'))).toBe(false);
    expect(t.endpoints!.credentialsId).toBeUndefined();
    expect(agent.calls.at(-1)).toBe('release STOPPED');
  });

  it('releases the task once it has stopped', async () => {
    const id = launch([{ name: 'app', image: 'img' }]);
    await settle();
    engine.stop(scope, id, 'UserInitiated', 'Task stopped by user');
    await settle();
    expect(task(id).lastStatus).toBe('STOPPED');
    expect(agent.calls.filter((c) => c.startsWith('release'))).toEqual(['release STOPPED']);
  });
});
