// Starts an emulator on a free port for one test file, with a real ECS SDK client pointed at it.
import { ECSClient } from '@aws-sdk/client-ecs';
import { testConfig, type Config } from '../../src/config.js';
import { FakeTaskRuntime } from '../fakes/fake-task-runtime.js';
import { startEmulator, type RunningEmulator, type StartOptions } from '../../src/main.js';

export interface TestEmulator extends RunningEmulator {
  ecs: ECSClient;
  /** A client for another account or region: same emulator, other scope. */
  client(options?: { accountId?: string; region?: string }): ECSClient;
}

export async function startTestEmulator(overrides: Partial<Config> = {}, options: StartOptions = {}): Promise<TestEmulator> {
  // API tests run tasks on an in-memory runtime; Docker tests pass the real one.
  const emulator = await startEmulator(testConfig(overrides), { runtime: new FakeTaskRuntime(), ...options });
  const client = ({ accountId, region }: { accountId?: string; region?: string } = {}) =>
    new ECSClient({
      endpoint: emulator.endpoint,
      region: region ?? 'us-east-1',
      credentials: { accessKeyId: accountId ?? 'AKIDTEST', secretAccessKey: 'test' },
      maxAttempts: 1,
    });
  const ecs = client();
  return {
    ...emulator,
    ecs,
    client,
    async close() {
      ecs.destroy();
      await emulator.close();
    },
  };
}

let counter = 0;
/** A name no other test uses. */
export function uniqueName(prefix: string): string {
  counter += 1;
  return `${prefix}-${process.pid}-${counter}`;
}
