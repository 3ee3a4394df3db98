// What a service reads back after CreateService and UpdateService: the defaults AWS fills in (Terraform's AWS
// provider compares them with its configuration, and any gap is drift on every plan).
import { CreateServiceCommand, UpdateServiceCommand } from '@aws-sdk/client-ecs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultVpc } from '../../src/domain/network/vpc.js';
import { startTestEmulator, uniqueName, type TestEmulator } from '../support/emulator.js';
import { describeService, fargateCluster } from '../support/services.js';
import { storeTaskDefinition } from '../support/task-definitions.js';

const scope = { accountId: '000000000000', region: 'us-east-1' };
const network = {
  awsvpcConfiguration: {
    subnets: defaultVpc(scope, 0)
      .subnets.map((s) => s.subnetId)
      .slice(0, 2),
  },
};
let emu: TestEmulator;
let family: string;

beforeAll(async () => {
  emu = await startTestEmulator();
  family = uniqueName('readback');
  storeTaskDefinition(emu.deps.store, scope, family, [{ name: 'app', image: 'busybox' }]);
});
afterAll(() => emu.close());

describe('availabilityZoneRebalancing', () => {
  it('is ENABLED when CreateService leaves it out, as asked otherwise, and kept by an UpdateService that leaves it out', async () => {
    const cluster = await fargateCluster(emu.ecs);
    const create = (serviceName: string, availabilityZoneRebalancing?: 'ENABLED' | 'DISABLED') =>
      emu.ecs.send(
        new CreateServiceCommand({
          cluster,
          serviceName,
          taskDefinition: family,
          desiredCount: 0,
          networkConfiguration: network,
          availabilityZoneRebalancing,
        }),
      );
    const { service: byDefault } = await create('a');
    expect(byDefault!.availabilityZoneRebalancing).toBe('ENABLED');
    const { service: disabled } = await create('b', 'DISABLED');
    expect(disabled!.availabilityZoneRebalancing).toBe('DISABLED');
    await emu.ecs.send(new UpdateServiceCommand({ cluster, service: 'b', desiredCount: 0 }));
    expect((await describeService(emu.ecs, cluster, 'b')).availabilityZoneRebalancing).toBe('DISABLED');
    await emu.ecs.send(new UpdateServiceCommand({ cluster, service: 'b', availabilityZoneRebalancing: 'ENABLED' }));
    expect((await describeService(emu.ecs, cluster, 'b')).availabilityZoneRebalancing).toBe('ENABLED');
  });
});
