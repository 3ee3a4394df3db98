import { describe, expect, it } from 'vitest';
import { DEFAULT_HEALTH_CHECK, TARGET_GROUP_ATTRIBUTE_DEFAULTS } from './defaults.js';
import type { Elbv2State, TargetGroupRecord } from './records.js';
import { deregisterTarget, expireDrained, healthOf, registerTarget } from './targets.js';

function state(withListener: boolean): { s: Elbv2State; tg: TargetGroupRecord } {
  const tg: TargetGroupRecord = {
    targetGroupArn: 'tg',
    targetGroupName: 'tg',
    protocol: 'HTTP',
    protocolVersion: 'HTTP1',
    port: 80,
    vpcId: 'vpc-1',
    targetType: 'ip',
    ipAddressType: 'ipv4',
    healthCheck: { ...DEFAULT_HEALTH_CHECK },
    attributes: { ...TARGET_GROUP_ATTRIBUTE_DEFAULTS, 'deregistration_delay.timeout_seconds': '10' },
    createdAt: 0,
    targets: [],
  };
  const s: Elbv2State = { loadBalancers: {}, targetGroups: { tg }, listeners: {}, listenerRules: {} };
  if (withListener)
    s.listeners.l = {
      listenerArn: 'l',
      loadBalancerArn: 'lb',
      port: 80,
      protocol: 'HTTP',
      defaultRuleArn: 'r',
      createdAt: 0,
      defaultActions: [
        { type: 'forward', forward: { targetGroups: [{ targetGroupArn: 'tg', weight: 1 }], stickiness: { enabled: false }, single: true } },
      ],
    };
  return { s, tg };
}

describe('targets', () => {
  it('start initial, show unused while no load balancer uses the group, and drain for the delay', () => {
    const { s, tg } = state(true);
    const t = registerTarget(tg, { id: '10.0.0.1', port: 80 }, 1000);
    expect(healthOf(s, tg, t)).toEqual({
      state: 'initial',
      reason: 'Elb.RegistrationInProgress',
      description: 'Target registration is in progress',
    });
    expect(healthOf(state(false).s, tg, t).state).toBe('unused');
    deregisterTarget(s, tg, '10.0.0.1', 80, 2000);
    expect(tg.targets[0]).toMatchObject({ state: 'draining', drainUntil: 12_000 });
    expect(expireDrained(tg, 11_999)).toEqual([]);
    expect(expireDrained(tg, 12_000)).toHaveLength(1);
    expect(tg.targets).toEqual([]);
  });

  it('go at once when nothing routes to the group, and come back fresh when registered while draining', () => {
    const lone = state(false);
    registerTarget(lone.tg, { id: '10.0.0.1', port: 80 }, 0);
    deregisterTarget(lone.s, lone.tg, '10.0.0.1', 80, 0);
    expect(lone.tg.targets).toEqual([]);
    const { s, tg } = state(true);
    registerTarget(tg, { id: '10.0.0.2', port: 80 }, 0);
    deregisterTarget(s, tg, '10.0.0.2', 80, 0);
    expect(registerTarget(tg, { id: '10.0.0.2', port: 80 }, 5).state).toBe('initial');
    expect(tg.targets).toHaveLength(1);
  });
});
