import type * as Ecs from '@aws-sdk/client-ecs';
import { listSettings, principalOf } from '../domain/account-settings.js';
import { paginate } from '../domain/pagination.js';
import type { ActionContext } from './context.js';
import { toWireSetting } from './wire/account-setting.js';

/**
 * The account settings of a principal (default: the caller, i.e. the root user). With effectiveSettings, every
 * setting with the value that applies to the principal (its own, else the account default, else AWS's default);
 * without, only the settings set explicitly for that principal.
 */
export function listAccountSettings(ctx: ActionContext, input: Ecs.ListAccountSettingsRequest): Ecs.ListAccountSettingsResponse {
  const { scope, deps } = ctx;
  const principalArn = principalOf(scope, input.principalArn);
  return deps.store.read(scope, (state) => {
    const settings = listSettings(state.accountSettings, scope, {
      name: input.name,
      value: input.value,
      principalArn,
      effective: input.effectiveSettings ?? false,
    });
    const page = paginate(settings, (s) => s.name, input, { defaultSize: 10, max: 10 });
    return { settings: page.items.map(toWireSetting), nextToken: page.nextToken };
  });
}
