import { ListAccountSettingsCommand, PutAccountSettingCommand, PutAccountSettingDefaultCommand, type ECSClient } from '@aws-sdk/client-ecs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectEcsError, uniqueAccountId } from '../support/ecs-error.js';
import { startTestEmulator, type TestEmulator } from '../support/emulator.js';

let emu: TestEmulator;
beforeAll(async () => {
  emu = await startTestEmulator();
});
afterAll(() => emu.close());

function account(): { ecs: ECSClient; id: string; root: string } {
  const id = uniqueAccountId();
  return { ecs: emu.client({ accountId: id }), id, root: `arn:aws:iam::${id}:root` };
}

const NEW_ACCOUNT_DEFAULTS: Record<string, string> = {
  awsvpcTrunking: 'disabled',
  containerInsights: 'disabled',
  containerInstanceLongArnFormat: 'enabled',
  defaultLogDriverMode: 'non-blocking',
  dualStackIPv6: 'enabled',
  fargateEventWindows: 'disabled',
  fargateFIPSMode: 'disabled',
  fargateTaskRetirementWaitPeriod: '7',
  guardDutyActivate: 'off',
  serviceLongArnFormat: 'enabled',
  tagResourceAuthorization: 'on',
  taskLongArnFormat: 'enabled',
};

async function listAll(ecs: ECSClient, input: ConstructorParameters<typeof ListAccountSettingsCommand>[0]) {
  const settings = [];
  let nextToken: string | undefined;
  let pages = 0;
  do {
    const page = await ecs.send(new ListAccountSettingsCommand({ ...input, nextToken }));
    settings.push(...(page.settings ?? []));
    nextToken = page.nextToken;
    pages += 1;
  } while (nextToken);
  return { settings, pages };
}

describe('ListAccountSettings', () => {
  describe('behaviour', () => {
    it('lists nothing for a new account without effectiveSettings', async () => {
      const { ecs } = account();
      expect((await ecs.send(new ListAccountSettingsCommand({}))).settings).toEqual([]);
      ecs.destroy();
    });

    it('lists the defaults of a new account with effectiveSettings, by name, across two pages of 10', async () => {
      const { ecs, root } = account();
      const { settings, pages } = await listAll(ecs, { effectiveSettings: true });
      expect(pages).toBe(2);
      expect(Object.fromEntries(settings.map((s) => [s.name, s.value]))).toEqual(NEW_ACCOUNT_DEFAULTS);
      expect(settings.map((s) => s.name)).toEqual(Object.keys(NEW_ACCOUNT_DEFAULTS).sort());
      expect(new Set(settings.map((s) => s.principalArn))).toEqual(new Set([root]));
      expect(settings.find((s) => s.name === 'guardDutyActivate')?.type).toBe('aws_managed');
      expect(settings.find((s) => s.name === 'containerInsights')?.type).toBe('user');
      ecs.destroy();
    });

    it('pages with maxResults', async () => {
      const { ecs } = account();
      const { settings, pages } = await listAll(ecs, { effectiveSettings: true, maxResults: 5 });
      expect(pages).toBe(3);
      expect(settings).toHaveLength(12);
      ecs.destroy();
    });

    it('filters by name and by name and value', async () => {
      const { ecs, root } = account();
      await ecs.send(new PutAccountSettingDefaultCommand({ name: 'containerInsights', value: 'enhanced' }));
      const byName = await ecs.send(new ListAccountSettingsCommand({ name: 'containerInsights', effectiveSettings: true }));
      expect(byName.settings).toEqual([{ name: 'containerInsights', value: 'enhanced', principalArn: root, type: 'user' }]);
      const miss = await ecs.send(new ListAccountSettingsCommand({ name: 'containerInsights', value: 'enabled', effectiveSettings: true }));
      expect(miss.settings).toEqual([]);
      ecs.destroy();
    });

    it('gives a principal its own setting over the account default (effective settings)', async () => {
      const { ecs, id } = account();
      const user = `arn:aws:iam::${id}:user/alice`;
      const role = `arn:aws:iam::${id}:role/deployer`;
      await ecs.send(new PutAccountSettingDefaultCommand({ name: 'awsvpcTrunking', value: 'enabled' }));
      await ecs.send(new PutAccountSettingCommand({ name: 'awsvpcTrunking', value: 'disabled', principalArn: user }));
      const forUser = await ecs.send(
        new ListAccountSettingsCommand({ name: 'awsvpcTrunking', principalArn: user, effectiveSettings: true }),
      );
      expect(forUser.settings?.[0]).toMatchObject({ value: 'disabled', principalArn: user });
      const forRole = await ecs.send(
        new ListAccountSettingsCommand({ name: 'awsvpcTrunking', principalArn: role, effectiveSettings: true }),
      );
      expect(forRole.settings?.[0]).toMatchObject({ value: 'enabled', principalArn: role });
      const explicitRole = await ecs.send(new ListAccountSettingsCommand({ principalArn: role }));
      expect(explicitRole.settings).toEqual([]);
      const explicitUser = await ecs.send(new ListAccountSettingsCommand({ principalArn: user }));
      expect(explicitUser.settings).toEqual([{ name: 'awsvpcTrunking', value: 'disabled', principalArn: user, type: 'user' }]);
      ecs.destroy();
    });

    it('keeps settings per region', async () => {
      const id = uniqueAccountId();
      const east = emu.client({ accountId: id, region: 'us-east-1' });
      const west = emu.client({ accountId: id, region: 'us-west-2' });
      await east.send(new PutAccountSettingDefaultCommand({ name: 'containerInsights', value: 'enabled' }));
      const inWest = await west.send(new ListAccountSettingsCommand({ name: 'containerInsights', effectiveSettings: true }));
      expect(inWest.settings?.[0]?.value).toBe('disabled');
      east.destroy();
      west.destroy();
    });
  });

  describe('errors', () => {
    it('refuses a value filter without a name', async () => {
      await expectEcsError(emu.ecs.send(new ListAccountSettingsCommand({ value: 'enabled' })), 'InvalidParameterException');
    });

    it.each([0, 11])('refuses maxResults %i', async (maxResults) => {
      await expectEcsError(emu.ecs.send(new ListAccountSettingsCommand({ maxResults })), 'InvalidParameterException');
    });

    it('refuses a principal that is not an IAM user, role or root', async () => {
      await expectEcsError(
        emu.ecs.send(new ListAccountSettingsCommand({ principalArn: 'arn:aws:s3:::bucket' })),
        'InvalidParameterException',
      );
    });
  });
});
