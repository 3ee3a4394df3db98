// The control commands of the CLI (`fargate-local spot|fault|task|events …`) against a running emulator.
import { CreateServiceCommand, waitUntilServicesStable } from '@aws-sdk/client-ecs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runControlCommand } from '../../src/cli/control-commands.js';
import { defaultVpc } from '../../src/domain/network/vpc.js';
import { startTestEmulator, uniqueName, type TestEmulator } from '../support/emulator.js';
import { fargateCluster, runningTasksOf } from '../support/services.js';
import { storeTaskDefinition } from '../support/task-definitions.js';

const scope = { accountId: '000000000000', region: 'us-east-1' };
const [subnetA] = defaultVpc(scope, 0).subnets.map((s) => s.subnetId) as [string];

let emu: TestEmulator;
beforeAll(async () => {
  emu = await startTestEmulator({ spotGraceMs: 1000 });
});
afterAll(() => emu.close());

async function cli(...argv: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runControlCommand(argv, emu.endpoint, { out: (l) => out.push(l), err: (l) => err.push(l) });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

describe('fargate-local control commands', () => {
  it("interrupts half of a service's Spot tasks", async () => {
    const family = uniqueName('cli');
    storeTaskDefinition(emu.deps.store, scope, family, [{ name: 'app', image: 'busybox' }]);
    const cluster = await fargateCluster(emu.ecs, 'cli');
    await emu.ecs.send(
      new CreateServiceCommand({
        cluster,
        serviceName: 'web',
        taskDefinition: family,
        desiredCount: 2,
        capacityProviderStrategy: [{ capacityProvider: 'FARGATE_SPOT', weight: 1 }],
        networkConfiguration: { awsvpcConfiguration: { subnets: [subnetA] } },
      }),
    );
    await waitUntilServicesStable({ client: emu.ecs, maxWaitTime: 20, minDelay: 1, maxDelay: 1 }, { cluster, services: ['web'] });
    const arns = (await runningTasksOf(emu.ecs, cluster, 'web')).map((t) => t.taskArn);
    const r = await cli('spot', 'interrupt', '--cluster', cluster, '--service', 'web', '--percent', '50');
    expect(r.code).toBe(0);
    const { interrupted } = JSON.parse(r.out) as { interrupted: string[] };
    expect(interrupted).toHaveLength(1);
    expect(arns).toContain(interrupted[0]);
  });

  it('sets, lists and clears faults', async () => {
    const set = await cli('fault', 'set', 'fargate-capacity-unavailable');
    expect(set.code).toBe(0);
    const fault = JSON.parse(set.out) as { id: string; kind: string };
    expect(fault.kind).toBe('fargate-capacity-unavailable');
    expect(JSON.parse((await cli('fault', 'list')).out)).toEqual([fault]);
    expect(JSON.parse((await cli('fault', 'clear', fault.id)).out)).toEqual({ cleared: 1 });
    expect(JSON.parse((await cli('fault', 'list')).out)).toEqual([]);
  });

  it('fails with a message and a non-zero code on bad input', async () => {
    const none = await cli('spot', 'interrupt', '--cluster', 'default');
    expect(none.code).toBe(1);
    expect(none.err).toContain('give exactly one of --task, --service or --all.');
    const kind = await cli('fault', 'set', 'meteor-strike');
    expect(kind.code).toBe(1);
    expect(kind.err).toContain('kind must be one of');
    const missing = await cli('task', 'crash', '--task', 'ffffffffffffffffffffffffffffffff');
    expect(missing.code).toBe(1);
    expect(missing.err).toContain('Cluster not found.');
  });
});
