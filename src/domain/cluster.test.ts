import type * as Ecs from '@aws-sdk/client-ecs';
import { describe, expect, it } from 'vitest';
import {
  mergeClusterSettings,
  mergeConfiguration,
  newClusterRecord,
  sameCapacityProviderArguments,
  serviceConnectNamespaceArn,
  validateClusterSettings,
} from './cluster.js';

const scope = { accountId: '111122223333', region: 'eu-west-1' };

describe('validateClusterSettings', () => {
  it.each(['enabled', 'disabled', 'enhanced'])('accepts containerInsights=%s', (value) => {
    expect(validateClusterSettings([{ name: 'containerInsights', value }])).toEqual([{ name: 'containerInsights', value }]);
  });

  it.each([
    [{ name: 'containerInsights', value: 'Enabled' }],
    [{ name: 'containerInsights' }],
    [{ name: 'somethingElse', value: 'enabled' }],
  ] as const)('refuses %j', (setting) => {
    expect(() => validateClusterSettings([setting as Ecs.ClusterSetting])).toThrow(
      expect.objectContaining({ code: 'InvalidParameterException' }),
    );
  });
});

describe('newClusterRecord', () => {
  it('makes an ACTIVE cluster with the account containerInsights default', () => {
    expect(newClusterRecord(scope, 'c1', 42, 'enhanced')).toEqual({
      clusterName: 'c1',
      clusterArn: 'arn:aws:ecs:eu-west-1:111122223333:cluster/c1',
      status: 'ACTIVE',
      settings: [{ name: 'containerInsights', value: 'enhanced' }],
      capacityProviders: [],
      defaultCapacityProviderStrategy: [],
      createdAt: 42,
    });
  });

  it('lets given settings override the account default', () => {
    const record = newClusterRecord(scope, 'c1', 0, 'enhanced', { settings: [{ name: 'containerInsights', value: 'disabled' }] });
    expect(record.settings).toEqual([{ name: 'containerInsights', value: 'disabled' }]);
  });
});

it('mergeClusterSettings replaces by name', () => {
  expect(
    mergeClusterSettings([{ name: 'containerInsights', value: 'disabled' }], [{ name: 'containerInsights', value: 'enabled' }]),
  ).toEqual([{ name: 'containerInsights', value: 'enabled' }]);
});

it('mergeConfiguration replaces the parts given and keeps the rest', () => {
  expect(mergeConfiguration({ a: { x: 1 }, b: { y: 2 } }, { a: { z: 3 } })).toEqual({ a: { z: 3 }, b: { y: 2 } });
  expect(mergeConfiguration(undefined, { a: 1 })).toEqual({ a: 1 });
});

describe('serviceConnectNamespaceArn', () => {
  it('maps a name to a stable Cloud Map namespace ARN', () => {
    const arn = serviceConnectNamespaceArn(scope, 'apps');
    expect(arn).toMatch(/^arn:aws:servicediscovery:eu-west-1:111122223333:namespace\/ns-[0-9a-f]{16}$/);
    expect(serviceConnectNamespaceArn(scope, 'apps')).toBe(arn);
    expect(serviceConnectNamespaceArn(scope, 'other')).not.toBe(arn);
  });

  it('keeps a namespace ARN, drops an empty namespace, refuses a malformed ARN', () => {
    const arn = 'arn:aws:servicediscovery:eu-west-1:111122223333:namespace/ns-abc';
    expect(serviceConnectNamespaceArn(scope, arn)).toBe(arn);
    expect(serviceConnectNamespaceArn(scope, '')).toBeUndefined();
    expect(() => serviceConnectNamespaceArn(scope, 'arn:aws:s3:::b')).toThrow(
      expect.objectContaining({ code: 'InvalidParameterException' }),
    );
  });
});

describe('sameCapacityProviderArguments', () => {
  const existing = newClusterRecord(scope, 'c', 0, 'disabled', {
    capacityProviders: ['FARGATE', 'FARGATE_SPOT'],
    defaultCapacityProviderStrategy: [{ capacityProvider: 'FARGATE', weight: 1, base: 0 }],
  });

  it('treats absent arguments and the same arguments in any order as consistent', () => {
    expect(sameCapacityProviderArguments(existing, undefined, undefined)).toBe(true);
    expect(
      sameCapacityProviderArguments(existing, ['FARGATE_SPOT', 'FARGATE'], [{ capacityProvider: 'FARGATE', weight: 1, base: 0 }]),
    ).toBe(true);
  });

  it('treats other providers or another strategy as inconsistent', () => {
    expect(sameCapacityProviderArguments(existing, ['FARGATE'], undefined)).toBe(false);
    expect(sameCapacityProviderArguments(existing, undefined, [{ capacityProvider: 'FARGATE', weight: 2, base: 0 }])).toBe(false);
    expect(sameCapacityProviderArguments(existing, undefined, [])).toBe(false);
  });
});
