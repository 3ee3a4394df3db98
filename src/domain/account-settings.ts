// ECS account settings: per account and region, a value per setting name for the root user (the account default,
// which every principal without its own value inherits) and, optionally, per IAM user or role.
//
// fargate-local has no IAM: every caller is taken to be the account's root user
// (`arn:aws:iam::<account>:root`), so PutAccountSetting without principalArn sets the account default, as it does
// on AWS when the root user calls it.
import { invalidParameter } from './errors.js';
import { rootPrincipalArn } from './arn.js';
import type { Scope } from './scope.js';

export type SettingType = 'user' | 'aws_managed';

export interface AccountSettingRecord {
  name: string;
  value: string;
  principalArn: string;
}

/** A setting as the API returns it. */
export interface EffectiveSetting extends AccountSettingRecord {
  type: SettingType;
}

interface SettingRule {
  /** The value a new account has (AWS documentation, as of 2025). */
  defaultValue: string;
  allowed: readonly string[];
  /** Only the root user may set it (fargateTaskRetirementWaitPeriod). */
  rootOnly?: boolean;
  /** Managed by AWS on the customer's behalf; read-only (guardDutyActivate). */
  awsManaged?: boolean;
  /** Values ECS no longer lets anyone set, with its answer (the long ARN formats can no longer be disabled). */
  refused?: Readonly<Record<string, string>>;
}

/** AWS's current answer to disabling a long ARN format, on PutAccountSetting and PutAccountSettingDefault. */
const LONG_ARN_FOR_GOOD = { disabled: 'You can no longer disable Long Arn settings.' } as const;

const ENABLED_DISABLED = ['enabled', 'disabled'] as const;

/** Every setting name ECS knows, with its default and its allowed values. */
export const ACCOUNT_SETTINGS: Readonly<Record<string, SettingRule>> = {
  awsvpcTrunking: { defaultValue: 'disabled', allowed: ENABLED_DISABLED },
  containerInsights: { defaultValue: 'disabled', allowed: ['enabled', 'disabled', 'enhanced'] },
  containerInstanceLongArnFormat: { defaultValue: 'enabled', allowed: ENABLED_DISABLED, refused: LONG_ARN_FOR_GOOD },
  defaultLogDriverMode: { defaultValue: 'non-blocking', allowed: ['blocking', 'non-blocking'] },
  dualStackIPv6: { defaultValue: 'enabled', allowed: ENABLED_DISABLED },
  fargateEventWindows: { defaultValue: 'disabled', allowed: ENABLED_DISABLED },
  fargateFIPSMode: { defaultValue: 'disabled', allowed: ENABLED_DISABLED },
  fargateTaskRetirementWaitPeriod: { defaultValue: '7', allowed: ['0', '7', '14'], rootOnly: true },
  guardDutyActivate: { defaultValue: 'off', allowed: ['on', 'off'], awsManaged: true },
  serviceLongArnFormat: { defaultValue: 'enabled', allowed: ENABLED_DISABLED, refused: LONG_ARN_FOR_GOOD },
  tagResourceAuthorization: { defaultValue: 'on', allowed: ['on', 'off'] },
  taskLongArnFormat: { defaultValue: 'enabled', allowed: ENABLED_DISABLED, refused: LONG_ARN_FOR_GOOD },
};

export const SETTING_NAMES: readonly string[] = Object.keys(ACCOUNT_SETTINGS).sort();

export { rootPrincipalArn };

/** The key under which a principal's settings are stored: '' for the root user (the account default). */
export const principalKey = (scope: Scope, principalArn: string) => (principalArn === rootPrincipalArn(scope) ? '' : principalArn);

const PRINCIPAL_RE = /^arn:aws[a-z-]*:(iam|sts)::(\d{12}):(root|user\/.+|role\/.+|assumed-role\/.+)$/;

/** The principal a request speaks for: the given ARN, or the caller (root) when absent. */
export function principalOf(scope: Scope, principalArn: string | undefined): string {
  if (principalArn === undefined || principalArn === '') return rootPrincipalArn(scope);
  const m = PRINCIPAL_RE.exec(principalArn);
  if (!m) throw invalidParameter('The specified principal ARN is not valid. Specify a valid IAM user, IAM role, or root user ARN.');
  if (m[1] === 'sts') {
    throw invalidParameter("Federated users assume the account setting of the root user and can't have explicit account settings.");
  }
  return principalArn;
}

/** ECS's answer for an account setting name it does not know (it checks the name itself, not the model layer). */
export const unknownSettingName = (name: string) => invalidParameter(`${name} should be one of [${SETTING_NAMES.join(',')}]`);

export function assertKnownSettingName(name: string): void {
  if (!ACCOUNT_SETTINGS[name]) throw unknownSettingName(name);
}

/** Checks that `value` may be set for `name` by/for `principalArn`. */
export function assertSettable(scope: Scope, name: string, value: string, principalArn: string): void {
  assertKnownSettingName(name);
  const rule = ACCOUNT_SETTINGS[name]!;
  if (rule.awsManaged) {
    throw invalidParameter(`The ${name} account setting is managed by AWS and can't be changed.`);
  }
  if (rule.rootOnly && principalArn !== rootPrincipalArn(scope)) {
    throw invalidParameter(`The ${name} account setting can only be set for the root user.`);
  }
  const refusal = rule.refused?.[value];
  if (refusal) throw invalidParameter(refusal);
  if (!rule.allowed.includes(value)) {
    throw invalidParameter(`Invalid value '${value}' for the ${name} account setting. Valid values are: ${rule.allowed.join(', ')}.`);
  }
}

const typeOf = (name: string): SettingType => (ACCOUNT_SETTINGS[name]?.awsManaged ? 'aws_managed' : 'user');

/** What the API shows for a stored setting. */
export const toEffective = (record: AccountSettingRecord): EffectiveSetting => ({ ...record, type: typeOf(record.name) });

/** Stored settings, by setting name, then principal key ('' = the account default). */
export type StoredAccountSettings = Readonly<Record<string, Readonly<Record<string, AccountSettingRecord>>>>;

/**
 * The value that applies to `principalArn` for `name`: its own setting, else the account default, else AWS's default.
 * Reported under the principal asked about.
 */
export function effectiveSetting(stored: StoredAccountSettings, scope: Scope, name: string, principalArn: string): EffectiveSetting {
  const byPrincipal = stored[name] ?? {};
  const own = byPrincipal[principalKey(scope, principalArn)];
  const value = own?.value ?? byPrincipal['']?.value ?? ACCOUNT_SETTINGS[name]!.defaultValue;
  return { name, value, principalArn, type: typeOf(name) };
}

/** The settings one principal has set explicitly, by name. */
export function explicitSettings(stored: StoredAccountSettings, scope: Scope, principalArn: string): EffectiveSetting[] {
  const key = principalKey(scope, principalArn);
  return SETTING_NAMES.flatMap((name) => {
    const record = stored[name]?.[key];
    return record ? [toEffective(record)] : [];
  });
}

/** ListAccountSettings' selection, sorted by setting name. */
export function listSettings(
  stored: StoredAccountSettings,
  scope: Scope,
  query: { name?: string; value?: string; principalArn: string; effective: boolean },
): EffectiveSetting[] {
  if (query.value !== undefined && query.name === undefined) {
    throw invalidParameter('You must also specify an account setting name to use the value parameter.');
  }
  if (query.name !== undefined) assertKnownSettingName(query.name);
  const all = query.effective
    ? SETTING_NAMES.map((name) => effectiveSetting(stored, scope, name, query.principalArn))
    : explicitSettings(stored, scope, query.principalArn);
  return all.filter((s) => (query.name === undefined || s.name === query.name) && (query.value === undefined || s.value === query.value));
}
