import { ListAccountSettingsCommand, PutAccountSettingDefaultCommand } from '@aws-sdk/client-ecs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectEcsError, uniqueAccountId } from '../support/ecs-error.js';
import { startTestEmulator, type TestEmulator } from '../support/emulator.js';

let emu: TestEmulator;
beforeAll(async () => {
  emu = await startTestEmulator();
});
afterAll(() => emu.close());

describe('PutAccountSettingDefault', () => {
  describe('behaviour', () => {
    it('sets the account default, reported under the root user', async () => {
      const id = uniqueAccountId();
      const ecs = emu.client({ accountId: id });
      const { setting } = await ecs.send(new PutAccountSettingDefaultCommand({ name: 'awsvpcTrunking', value: 'enabled' }));
      expect(setting).toEqual({ name: 'awsvpcTrunking', value: 'enabled', principalArn: `arn:aws:iam::${id}:root`, type: 'user' });
      const forRole = await ecs.send(
        new ListAccountSettingsCommand({ name: 'awsvpcTrunking', principalArn: `arn:aws:iam::${id}:role/any`, effectiveSettings: true }),
      );
      expect(forRole.settings?.[0]?.value).toBe('enabled');
      const explicit = await ecs.send(new ListAccountSettingsCommand({}));
      expect(explicit.settings).toEqual([setting]);
      ecs.destroy();
    });

    it('uses the partition of the region in the root ARN', async () => {
      const ecs = emu.client({ accountId: uniqueAccountId(), region: 'cn-north-1' });
      const { setting } = await ecs.send(new PutAccountSettingDefaultCommand({ name: 'containerInsights', value: 'enabled' }));
      expect(setting?.principalArn).toMatch(/^arn:aws-cn:iam::\d{12}:root$/);
      ecs.destroy();
    });
  });

  describe('errors', () => {
    it('refuses a value the setting does not take', async () => {
      await expectEcsError(
        emu.ecs.send(new PutAccountSettingDefaultCommand({ name: 'containerInsights', value: 'yes' })),
        'InvalidParameterException',
      );
    });

    it('refuses guardDutyActivate', async () => {
      await expectEcsError(
        emu.ecs.send(new PutAccountSettingDefaultCommand({ name: 'guardDutyActivate', value: 'off' })),
        'InvalidParameterException',
      );
    });
  });
});
