import { CreateClusterCommand } from '@aws-sdk/client-ecs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestEmulator, uniqueName, type TestEmulator } from '../support/emulator.js';

let emu: TestEmulator;
beforeAll(async () => {
  emu = await startTestEmulator();
});
afterAll(() => emu.close());

describe('CreateCluster', () => {
  it('creates an ACTIVE cluster with a long-format ARN', async () => {
    const name = uniqueName('c');
    const { cluster } = await emu.ecs.send(new CreateClusterCommand({ clusterName: name, tags: [{ key: 'k', value: 'v' }] }));
    expect(cluster).toMatchObject({
      clusterName: name,
      clusterArn: `arn:aws:ecs:us-east-1:000000000000:cluster/${name}`,
      status: 'ACTIVE',
      runningTasksCount: 0,
      tags: [{ key: 'k', value: 'v' }],
    });
  });

  it('creates the default cluster when no name is given', async () => {
    const { cluster } = await emu.ecs.send(new CreateClusterCommand({}));
    expect(cluster?.clusterName).toBe('default');
  });

  it('places resources in the account named by a 12-digit access key and the signed region', async () => {
    const other = emu.client({ accountId: '123456789012', region: 'eu-west-1' });
    const { cluster } = await other.send(new CreateClusterCommand({ clusterName: 'scoped' }));
    expect(cluster?.clusterArn).toBe('arn:aws:ecs:eu-west-1:123456789012:cluster/scoped');
    other.destroy();
  });

  it('returns InvalidParameterException for a name with a space', async () => {
    const err = await emu.ecs.send(new CreateClusterCommand({ clusterName: 'bad name' })).catch((e) => e);
    expect(err.name).toBe('InvalidParameterException');
    expect(err.$metadata.httpStatusCode).toBe(400);
  });
});
