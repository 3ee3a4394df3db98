// What the README promises: an unmodified SDK client finds the emulator through AWS_ENDPOINT_URL_ECS alone.
import { CreateClusterCommand, ECSClient } from '@aws-sdk/client-ecs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestEmulator, uniqueName, type TestEmulator } from '../support/emulator.js';

let emu: TestEmulator;
const saved = { ...process.env };
beforeAll(async () => {
  emu = await startTestEmulator();
  process.env.AWS_CONFIG_FILE = '/nonexistent/fargate-local-test';
  process.env.AWS_SHARED_CREDENTIALS_FILE = '/nonexistent/fargate-local-test';
});
afterAll(async () => {
  process.env = saved;
  await emu.close();
});

describe('AWS_ENDPOINT_URL_ECS', () => {
  it('points an SDK client built without an endpoint at the emulator', async () => {
    process.env.AWS_ENDPOINT_URL_ECS = emu.endpoint;
    const ecs = new ECSClient({ region: 'us-east-1', credentials: { accessKeyId: 'AKIDTEST', secretAccessKey: 'test' }, maxAttempts: 1 });
    // Should the variable ever be ignored, fail here instead of sending anything to real AWS.
    ecs.middlewareStack.add(
      (next) => async (args) => {
        const host = (args.request as { hostname?: string }).hostname;
        if (host !== '127.0.0.1') throw new Error(`refusing to send a test request to ${host}`);
        return next(args);
      },
      { step: 'finalizeRequest', name: 'loopbackOnly' },
    );
    try {
      const name = uniqueName('env');
      const { cluster } = await ecs.send(new CreateClusterCommand({ clusterName: name }));
      expect(cluster?.clusterArn).toBe(`arn:aws:ecs:us-east-1:000000000000:cluster/${name}`);
    } finally {
      ecs.destroy();
      delete process.env.AWS_ENDPOINT_URL_ECS;
    }
  });
});
