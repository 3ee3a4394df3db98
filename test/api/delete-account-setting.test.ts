import { DeleteAccountSettingCommand, ListAccountSettingsCommand, PutAccountSettingCommand } from '@aws-sdk/client-ecs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectEcsError, uniqueAccountId } from '../support/ecs-error.js';
import { startTestEmulator, type TestEmulator } from '../support/emulator.js';

let emu: TestEmulator;
beforeAll(async () => {
  emu = await startTestEmulator();
});
afterAll(() => emu.close());

describe('DeleteAccountSetting', () => {
  describe('behaviour', () => {
    it('removes a principal setting, which then inherits the account default again', async () => {
      const id = uniqueAccountId();
      const ecs = emu.client({ accountId: id });
      const principalArn = `arn:aws:iam::${id}:user/carol`;
      await ecs.send(new PutAccountSettingCommand({ name: 'containerInsights', value: 'enhanced', principalArn }));
      const { setting } = await ecs.send(new DeleteAccountSettingCommand({ name: 'containerInsights', principalArn }));
      expect(setting).toEqual({ name: 'containerInsights', value: 'enhanced', principalArn, type: 'user' });
      const after = await ecs.send(new ListAccountSettingsCommand({ name: 'containerInsights', principalArn, effectiveSettings: true }));
      expect(after.settings?.[0]?.value).toBe('disabled');
      expect((await ecs.send(new ListAccountSettingsCommand({ principalArn }))).settings).toEqual([]);
      ecs.destroy();
    });

    it('removes the account default (root) so the AWS default applies', async () => {
      const id = uniqueAccountId();
      const ecs = emu.client({ accountId: id });
      await ecs.send(new PutAccountSettingCommand({ name: 'fargateTaskRetirementWaitPeriod', value: '14' }));
      const { setting } = await ecs.send(new DeleteAccountSettingCommand({ name: 'fargateTaskRetirementWaitPeriod' }));
      expect(setting).toMatchObject({ value: '14', principalArn: `arn:aws:iam::${id}:root` });
      const after = await ecs.send(new ListAccountSettingsCommand({ name: 'fargateTaskRetirementWaitPeriod', effectiveSettings: true }));
      expect(after.settings?.[0]?.value).toBe('7');
      ecs.destroy();
    });

    it('answers with the value that applies when the principal had none of its own', async () => {
      const ecs = emu.client({ accountId: uniqueAccountId() });
      const { setting } = await ecs.send(new DeleteAccountSettingCommand({ name: 'awsvpcTrunking' }));
      expect(setting).toMatchObject({ name: 'awsvpcTrunking', value: 'disabled' });
      ecs.destroy();
    });
  });

  describe('errors', () => {
    it('refuses an unknown setting name', async () => {
      const err = await emu.ecs.send(new DeleteAccountSettingCommand({ name: 'bogus' as 'containerInsights' })).catch((e) => e);
      expect(err.name).toBe('InvalidParameterException'); // ECS checks setting names itself, in its own words
      expect(err.$metadata.httpStatusCode).toBe(400);
    });

    it('refuses a malformed principal ARN', async () => {
      await expectEcsError(
        emu.ecs.send(new DeleteAccountSettingCommand({ name: 'containerInsights', principalArn: 'alice' })),
        'InvalidParameterException',
      );
    });
  });
});
