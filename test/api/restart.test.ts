// Persistence through the API: a clean restart keeps everything; kill -9 loses nothing that was acknowledged.
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { CreateClusterCommand, ECSClient } from '@aws-sdk/client-ecs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { RegionState } from '../../src/store/schema.js';
import { Store } from '../../src/store/store.js';
import { cleanEnv, startCli } from '../support/cli-process.js';
import { startTestEmulator, uniqueName } from '../support/emulator.js';

let dataDir: string;
beforeEach(async () => {
  dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'fargate-local-restart-'));
});
afterEach(() => fs.rm(dataDir, { recursive: true, force: true }));

/** Every account/region's state, as plain data. */
function snapshot(store: Store): Record<string, RegionState> {
  const all: Record<string, RegionState> = {};
  for (const scope of store.scopes())
    all[`${scope.accountId}/${scope.region}`] = store.read(scope, (s) => structuredClone(s) as RegionState);
  return all;
}

function client(endpoint: string, accountId = '000000000000', region = 'us-east-1'): ECSClient {
  return new ECSClient({ endpoint, region, credentials: { accessKeyId: accountId, secretAccessKey: 'test' }, maxAttempts: 1 });
}

describe('restart on the same data directory', () => {
  it('finds every resource, in every account and region, after a clean stop and start', async () => {
    const name = uniqueName('keep');
    const first = await startTestEmulator({ dataDir });
    await first.ecs.send(
      new CreateClusterCommand({
        clusterName: name,
        tags: [{ key: 'team', value: 'blue' }],
        settings: [{ name: 'containerInsights', value: 'enabled' }],
      }),
    );
    const other = first.client({ accountId: '123456789012', region: 'eu-west-1' });
    await other.send(new CreateClusterCommand({ clusterName: name }));
    other.destroy();
    const before = snapshot(first.deps.store);
    await first.close();

    const second = await startTestEmulator({ dataDir });
    try {
      expect(snapshot(second.deps.store)).toEqual(before);
      expect(Object.keys(before)).toEqual(expect.arrayContaining(['000000000000/us-east-1', '123456789012/eu-west-1']));
      // Through the API: creating an existing name returns the stored cluster, tags and settings included.
      const { cluster } = await second.ecs.send(new CreateClusterCommand({ clusterName: name }));
      expect(cluster).toMatchObject({
        clusterArn: `arn:aws:ecs:us-east-1:000000000000:cluster/${name}`,
        tags: [{ key: 'team', value: 'blue' }],
        settings: [{ name: 'containerInsights', value: 'enabled' }],
      });
    } finally {
      await second.close();
    }
  });

  it('keeps every acknowledged create when the process is killed with SIGKILL mid-burst', async () => {
    const first = await startCli(['--data-dir', dataDir], cleanEnv());
    const ecs = client(first.endpoint);
    const acknowledged: string[] = [];
    let unacknowledged: Promise<unknown>[] = [];
    try {
      const burst = Array.from({ length: 200 }, (_, i) => `burst-${i}`);
      let pending = burst.length;
      await new Promise<void>((resolve, reject) => {
        for (const name of burst) {
          ecs.send(new CreateClusterCommand({ clusterName: name, tags: [{ key: 'n', value: name }] })).then(() => {
            acknowledged.push(name);
            pending -= 1;
            if (pending === 0) {
              // More writes in flight at the moment of the kill; they may or may not land.
              unacknowledged = Array.from({ length: 50 }, (_, i) =>
                ecs.send(new CreateClusterCommand({ clusterName: `late-${i}` })).catch(() => undefined),
              );
              resolve();
            }
          }, reject);
        }
      });
    } finally {
      await first.kill9();
      await Promise.all(unacknowledged);
      ecs.destroy();
    }
    expect(acknowledged).toHaveLength(200);

    // The snapshot and journal are whole: they load, and hold every acknowledged cluster.
    const store = await Store.open(dataDir);
    const clusters = store.read({ accountId: '000000000000', region: 'us-east-1' }, (s) => Object.keys(s.clusters));
    await store.close();
    expect(clusters).toEqual(expect.arrayContaining(acknowledged));

    // The restarted emulator reads it and has them all.
    const second = await startCli(['--data-dir', dataDir], cleanEnv());
    const again = client(second.endpoint);
    try {
      for (const name of acknowledged.slice(0, 20)) {
        const { cluster } = await again.send(new CreateClusterCommand({ clusterName: name }));
        expect(cluster?.tags).toEqual([{ key: 'n', value: name }]);
      }
    } finally {
      again.destroy();
      expect(await second.stop()).toBe(0);
    }
  });
});
