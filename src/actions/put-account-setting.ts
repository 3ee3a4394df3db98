import type * as Ecs from '@aws-sdk/client-ecs';
import { assertSettable, principalKey, principalOf, toEffective } from '../domain/account-settings.js';
import type { ActionContext } from './context.js';
import { toWireSetting } from './wire/account-setting.js';

/**
 * Sets an account setting for a principal (default: the caller). For the root user this is the account default,
 * which every principal without a setting of its own inherits.
 */
export function putAccountSetting(ctx: ActionContext, input: Ecs.PutAccountSettingRequest): Ecs.PutAccountSettingResponse {
  const { scope, deps } = ctx;
  const name = input.name ?? '';
  const value = input.value ?? '';
  const principalArn = principalOf(scope, input.principalArn);
  assertSettable(scope, name, value, principalArn);
  const record = { name, value, principalArn };
  deps.store.update(scope, (state) => {
    (state.accountSettings[name] ??= {})[principalKey(scope, principalArn)] = record;
  });
  return { setting: toWireSetting(toEffective(record)) };
}
