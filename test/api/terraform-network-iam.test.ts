// The network and IAM part of the example Terraform stack (examples/terraform: provider.tf, network.tf, iam.tf),
// with the real hashicorp/aws provider against the emulator (tasks on the in-memory runtime; nothing here runs one):
// apply succeeds, a plan right after shows no drift (exit code 0), destroy leaves nothing behind.
// Skipped, with the reason, where no terraform or no provider mirror exists (see test/support/terraform.ts).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestEmulator, type TestEmulator } from '../support/emulator.js';
import { terraformSetup, terraformWorkspace, type TerraformWorkspace } from '../support/terraform.js';

const setup = await terraformSetup();
const scope = { accountId: '000000000000', region: 'us-east-1' };

describe.skipIf(typeof setup === 'string')(`terraform: network and IAM${typeof setup === 'string' ? ` (skipped: ${setup})` : ''}`, () => {
  let emu: TestEmulator;
  let ws: TerraformWorkspace;

  beforeAll(async () => {
    if (typeof setup === 'string') return;
    emu = await startTestEmulator();
    ws = await terraformWorkspace(setup, { endpoint: emu.endpoint, name: 'tfnet', vpc_cidr: '10.161.0.0/16' }, [
      'provider.tf',
      'network.tf',
      'iam.tf',
    ]);
  }, 120_000);
  afterAll(async () => {
    await ws?.dispose();
    await emu?.close();
  });

  it('applies, plans with no changes, and destroys to nothing', { timeout: 600_000 }, async () => {
    const apply = await ws.terraform(['apply', '-auto-approve']);
    expect(apply.stdout).toMatch(/Apply complete! Resources: \d+ added/);
    const state = emu.deps.store.read(scope, (s) => s);
    const vpc = Object.values(state.vpcs).find((v) => v.cidrBlock === '10.161.0.0/16')!;
    expect(vpc.enableDnsHostnames).toBe(true);
    expect(Object.values(state.natGateways ?? {}).filter((n) => n.vpcId === vpc.vpcId && n.state === 'available')).toHaveLength(1);
    expect(Object.keys(state.iamRoles).sort()).toEqual(['tfnet-execution', 'tfnet-task']);
    expect(state.iamRoles['tfnet-execution']!.attachedPolicies).toHaveLength(2);

    const plan = await ws.terraform(['plan', '-detailed-exitcode'], { allowFailure: true });
    expect(plan.code, plan.stdout).toBe(0);

    await ws.terraform(['destroy', '-auto-approve']);
    const after = emu.deps.store.read(scope, (s) => s);
    expect(Object.values(after.vpcs).filter((v) => !v.isDefault)).toEqual([]);
    expect(Object.values(after.subnets).filter((s) => !s.defaultForAz)).toEqual([]);
    const defaultVpcId = Object.values(after.vpcs).find((v) => v.isDefault)?.vpcId;
    expect(Object.values(after.internetGateways ?? {}).filter((g) => g.vpcId !== defaultVpcId)).toEqual([]);
    expect(after.addresses).toEqual({});
    expect(after.iamRoles).toEqual({});
    expect(after.iamPolicies).toEqual({});
  });
});
