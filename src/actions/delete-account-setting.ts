import type * as Ecs from '@aws-sdk/client-ecs';
import { assertKnownSettingName, effectiveSetting, principalKey, principalOf, toEffective } from '../domain/account-settings.js';
import type { ActionContext } from './context.js';
import { toWireSetting } from './wire/account-setting.js';

/**
 * Removes a principal's own value for a setting (for the root user: the account default, so AWS's default applies
 * again). Answers with the value removed; when there was none, with the value that applies to the principal.
 */
export function deleteAccountSetting(ctx: ActionContext, input: Ecs.DeleteAccountSettingRequest): Ecs.DeleteAccountSettingResponse {
  const { scope, deps } = ctx;
  const name = input.name ?? '';
  assertKnownSettingName(name);
  const principalArn = principalOf(scope, input.principalArn);
  const key = principalKey(scope, principalArn);
  const removed = deps.store.update(scope, (state) => {
    const byPrincipal = state.accountSettings[name];
    const record = byPrincipal?.[key];
    if (!byPrincipal || !record) return null;
    const copy = { ...record };
    delete byPrincipal[key];
    if (Object.keys(byPrincipal).length === 0) delete state.accountSettings[name];
    return copy;
  });
  const setting = removed
    ? toEffective(removed)
    : deps.store.read(scope, (state) => effectiveSetting(state.accountSettings, scope, name, principalArn));
  return { setting: toWireSetting(setting) };
}
