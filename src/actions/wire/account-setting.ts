import type * as Ecs from '@aws-sdk/client-ecs';
import type { EffectiveSetting } from '../../domain/account-settings.js';

export const toWireSetting = (s: EffectiveSetting): Ecs.Setting => ({
  name: s.name as Ecs.SettingName,
  value: s.value,
  principalArn: s.principalArn,
  type: s.type,
});
