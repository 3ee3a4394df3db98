import { CreateClusterCommand, ListAccountSettingsCommand, PutAccountSettingCommand } from '@aws-sdk/client-ecs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectEcsError, uniqueAccountId } from '../support/ecs-error.js';
import { startTestEmulator, uniqueName, type TestEmulator } from '../support/emulator.js';

let emu: TestEmulator;
beforeAll(async () => {
  emu = await startTestEmulator();
});
afterAll(() => emu.close());

describe('PutAccountSetting', () => {
  describe('behaviour', () => {
    it('sets the caller (root) setting, which is the account default', async () => {
      const id = uniqueAccountId();
      const ecs = emu.client({ accountId: id });
      const { setting } = await ecs.send(new PutAccountSettingCommand({ name: 'containerInsights', value: 'enabled' }));
      expect(setting).toEqual({ name: 'containerInsights', value: 'enabled', principalArn: `arn:aws:iam::${id}:root`, type: 'user' });
      const { cluster } = await ecs.send(new CreateClusterCommand({ clusterName: uniqueName('ci') }));
      expect(cluster?.settings).toEqual([{ name: 'containerInsights', value: 'enabled' }]);
      ecs.destroy();
    });

    it('sets a setting for an IAM user without changing the account default', async () => {
      const id = uniqueAccountId();
      const ecs = emu.client({ accountId: id });
      const principalArn = `arn:aws:iam::${id}:user/bob`;
      const { setting } = await ecs.send(new PutAccountSettingCommand({ name: 'awsvpcTrunking', value: 'enabled', principalArn }));
      expect(setting).toEqual({ name: 'awsvpcTrunking', value: 'enabled', principalArn, type: 'user' });
      const root = await ecs.send(new ListAccountSettingsCommand({ name: 'awsvpcTrunking', effectiveSettings: true }));
      expect(root.settings?.[0]?.value).toBe('disabled');
      ecs.destroy();
    });

    it.each([
      ['fargateTaskRetirementWaitPeriod', '14'],
      ['fargateTaskRetirementWaitPeriod', '0'],
      ['tagResourceAuthorization', 'off'],
      ['defaultLogDriverMode', 'blocking'],
      ['fargateFIPSMode', 'enabled'],
      ['fargateEventWindows', 'enabled'],
    ])('accepts %s=%s', async (name, value) => {
      const ecs = emu.client({ accountId: uniqueAccountId() });
      const { setting } = await ecs.send(new PutAccountSettingCommand({ name: name as 'fargateFIPSMode', value }));
      expect(setting).toMatchObject({ name, value });
      ecs.destroy();
    });
  });

  describe('errors', () => {
    it.each([
      ['containerInsights', 'on'],
      ['awsvpcTrunking', 'enhanced'],
      ['fargateTaskRetirementWaitPeriod', '3'],
      ['tagResourceAuthorization', 'enabled'],
      ['defaultLogDriverMode', 'async'],
    ])('refuses %s=%s', async (name, value) => {
      await expectEcsError(
        emu.ecs.send(new PutAccountSettingCommand({ name: name as 'containerInsights', value })),
        'InvalidParameterException',
      );
    });

    it('refuses guardDutyActivate, which AWS manages', async () => {
      await expectEcsError(
        emu.ecs.send(new PutAccountSettingCommand({ name: 'guardDutyActivate', value: 'on' })),
        'InvalidParameterException',
      );
    });

    it('refuses fargateTaskRetirementWaitPeriod for a principal other than root', async () => {
      await expectEcsError(
        emu.ecs.send(
          new PutAccountSettingCommand({
            name: 'fargateTaskRetirementWaitPeriod',
            value: '14',
            principalArn: 'arn:aws:iam::000000000000:role/ops',
          }),
        ),
        'InvalidParameterException',
      );
    });

    it('refuses an unknown setting name', async () => {
      const err = await emu.ecs
        .send(new PutAccountSettingCommand({ name: 'noSuchSetting' as 'containerInsights', value: 'enabled' }))
        .catch((e) => e);
      expect(err.name).toBe('InvalidParameterException'); // ECS checks setting names itself, in its own words
      expect(err.$metadata.httpStatusCode).toBe(400);
    });

    it('refuses explicit settings for a federated (assumed-role session) principal', async () => {
      await expectEcsError(
        emu.ecs.send(
          new PutAccountSettingCommand({
            name: 'containerInsights',
            value: 'enabled',
            principalArn: 'arn:aws:sts::000000000000:assumed-role/ops/session',
          }),
        ),
        'InvalidParameterException',
      );
    });
  });
});
