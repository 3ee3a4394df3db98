import { describe, expect, it } from 'vitest';
import {
  ACCOUNT_SETTINGS,
  assertSettable,
  effectiveSetting,
  listSettings,
  principalKey,
  principalOf,
  rootPrincipalArn,
  SETTING_NAMES,
  type StoredAccountSettings,
} from './account-settings.js';

const scope = { accountId: '111122223333', region: 'us-east-1' };
const ROOT = 'arn:aws:iam::111122223333:root';
const USER = 'arn:aws:iam::111122223333:user/alice';
const expectCode = (fn: () => unknown, code: string) => expect(fn).toThrow(expect.objectContaining({ code }));

describe('principals', () => {
  it('takes the caller to be the root user, in the partition of the region', () => {
    expect(principalOf(scope, undefined)).toBe(ROOT);
    expect(rootPrincipalArn({ accountId: '111122223333', region: 'us-gov-west-1' })).toBe('arn:aws-us-gov:iam::111122223333:root');
  });

  it('stores the root user under the account default key', () => {
    expect(principalKey(scope, ROOT)).toBe('');
    expect(principalKey(scope, USER)).toBe(USER);
  });

  it.each(['alice', 'arn:aws:s3:::b', 'arn:aws:iam::1:root', 'arn:aws:sts::111122223333:assumed-role/r/s'])('refuses %s', (arn) =>
    expectCode(() => principalOf(scope, arn), 'InvalidParameterException'),
  );
});

describe('assertSettable', () => {
  it('knows every setting name of the SDK, plus dualStackIPv6', () => {
    expect(SETTING_NAMES).toEqual([
      'awsvpcTrunking',
      'containerInsights',
      'containerInstanceLongArnFormat',
      'defaultLogDriverMode',
      'dualStackIPv6',
      'fargateEventWindows',
      'fargateFIPSMode',
      'fargateTaskRetirementWaitPeriod',
      'guardDutyActivate',
      'serviceLongArnFormat',
      'tagResourceAuthorization',
      'taskLongArnFormat',
    ]);
  });

  it('accepts each allowed value of each settable setting', () => {
    for (const [name, rule] of Object.entries(ACCOUNT_SETTINGS)) {
      if (rule.awsManaged) continue;
      for (const value of rule.allowed.filter((v) => !rule.refused?.[v]))
        expect(() => assertSettable(scope, name, value, ROOT)).not.toThrow();
    }
  });

  it('refuses unknown names and values, AWS-managed settings and root-only settings for others', () => {
    expectCode(() => assertSettable(scope, 'nope', 'enabled', ROOT), 'InvalidParameterException');
    expectCode(() => assertSettable(scope, 'containerInsights', 'on', ROOT), 'InvalidParameterException');
    expectCode(() => assertSettable(scope, 'guardDutyActivate', 'on', ROOT), 'InvalidParameterException');
    expectCode(() => assertSettable(scope, 'fargateTaskRetirementWaitPeriod', '7', USER), 'InvalidParameterException');
  });
});

describe('effective settings', () => {
  const stored: StoredAccountSettings = {
    containerInsights: { '': { name: 'containerInsights', value: 'enabled', principalArn: ROOT } },
    awsvpcTrunking: {
      '': { name: 'awsvpcTrunking', value: 'enabled', principalArn: ROOT },
      [USER]: { name: 'awsvpcTrunking', value: 'disabled', principalArn: USER },
    },
  };

  it('prefers the principal own value, then the account default, then AWS default', () => {
    expect(effectiveSetting(stored, scope, 'awsvpcTrunking', USER).value).toBe('disabled');
    expect(effectiveSetting(stored, scope, 'containerInsights', USER).value).toBe('enabled');
    expect(effectiveSetting(stored, scope, 'taskLongArnFormat', USER)).toEqual({
      name: 'taskLongArnFormat',
      value: 'enabled',
      principalArn: USER,
      type: 'user',
    });
  });

  it('lists only explicit settings without effectiveSettings', () => {
    expect(listSettings(stored, scope, { principalArn: USER, effective: false }).map((s) => s.name)).toEqual(['awsvpcTrunking']);
    expect(listSettings(stored, scope, { principalArn: ROOT, effective: false }).map((s) => s.name)).toEqual([
      'awsvpcTrunking',
      'containerInsights',
    ]);
  });

  it('lists every setting with effectiveSettings, filtered by name and value', () => {
    expect(listSettings(stored, scope, { principalArn: ROOT, effective: true })).toHaveLength(12);
    expect(listSettings(stored, scope, { principalArn: ROOT, effective: true, name: 'awsvpcTrunking', value: 'enabled' })).toHaveLength(1);
    expect(listSettings(stored, scope, { principalArn: USER, effective: true, name: 'awsvpcTrunking', value: 'enabled' })).toHaveLength(0);
  });

  it('refuses a value filter without a name, and an unknown name', () => {
    expectCode(() => listSettings(stored, scope, { principalArn: ROOT, effective: true, value: 'enabled' }), 'InvalidParameterException');
    expectCode(() => listSettings(stored, scope, { principalArn: ROOT, effective: true, name: 'x' }), 'InvalidParameterException');
  });
});
