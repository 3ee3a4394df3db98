import type * as Ecs from '@aws-sdk/client-ecs';
import { assertSettable, principalKey, rootPrincipalArn, toEffective } from '../domain/account-settings.js';
import type { ActionContext } from './context.js';
import { toWireSetting } from './wire/account-setting.js';

/** Sets an account setting's default: the value of every principal that has none of its own (the root user's). */
export function putAccountSettingDefault(
  ctx: ActionContext,
  input: Ecs.PutAccountSettingDefaultRequest,
): Ecs.PutAccountSettingDefaultResponse {
  const { scope, deps } = ctx;
  const name = input.name ?? '';
  const value = input.value ?? '';
  const principalArn = rootPrincipalArn(scope);
  assertSettable(scope, name, value, principalArn);
  const record = { name, value, principalArn };
  deps.store.update(scope, (state) => {
    (state.accountSettings[name] ??= {})[principalKey(scope, principalArn)] = record;
  });
  return { setting: toWireSetting(toEffective(record)) };
}
