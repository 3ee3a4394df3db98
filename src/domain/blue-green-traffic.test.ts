import { describe, expect, it } from 'vitest';
import { catchEcsError } from '../../test/support/ecs-error.js';
import { checkAdvancedConfiguration, shiftTraffic, sideLoadBalancers } from './blue-green-traffic.js';
import type { ActionRecord, Elbv2State } from './elbv2/records.js';

const forward = (arn: string): ActionRecord[] => [
  { type: 'forward', forward: { targetGroups: [{ targetGroupArn: arn, weight: 1 }], stickiness: { enabled: false }, single: true } },
];

function state(): Elbv2State {
  return {
    loadBalancers: {},
    targetGroups: { blue: {} as never, green: {} as never },
    listeners: { l1: { listenerArn: 'l1', defaultRuleArn: 'l1-default', defaultActions: forward('blue') } as never },
    listenerRules: { test: { ruleArn: 'test', listenerArn: 'l1', priority: 1, conditions: [], actions: forward('blue'), createdAt: 0 } },
  };
}
const lbs = [
  {
    targetGroupArn: 'blue',
    containerName: 'web',
    containerPort: 8080,
    advancedConfiguration: { alternateTargetGroupArn: 'green', productionListenerRule: 'l1-default', testListenerRule: 'test' },
  },
];
const weights = (actions: readonly ActionRecord[]) =>
  Object.fromEntries(actions[0]!.forward!.targetGroups.map((t) => [t.targetGroupArn, t.weight]));

describe('blue/green traffic', () => {
  it('registers each side in its own target group', () => {
    expect(sideLoadBalancers(lbs, false)).toEqual([{ targetGroupArn: 'blue', containerName: 'web', containerPort: 8080 }]);
    expect(sideLoadBalancers(lbs, true)).toEqual([{ targetGroupArn: 'green', containerName: 'web', containerPort: 8080 }]);
    expect(sideLoadBalancers([{ targetGroupArn: 'x', containerName: 'web', containerPort: 80 }], true)[0]?.targetGroupArn).toBe('x');
  });

  it('shifts the production rule (a listener default rule) and the test rule, whichever side green is on', () => {
    const s = state();
    expect(shiftTraffic(s, lbs, true, 20, 'production')).toBe(true);
    expect(weights(s.listeners.l1!.defaultActions)).toEqual({ blue: 80, green: 20 });
    expect(weights(s.listenerRules.test!.actions)).toEqual({ blue: 1 });
    shiftTraffic(s, lbs, true, 100, 'test');
    expect(weights(s.listenerRules.test!.actions)).toEqual({ blue: 0, green: 100 });
    // Next deployment: green is the main target group, so its share moves back to it.
    shiftTraffic(s, lbs, false, 10, 'production');
    expect(weights(s.listeners.l1!.defaultActions)).toEqual({ green: 90, blue: 10 });
  });

  it('changes nothing for entries without advancedConfiguration', () => {
    const s = state();
    expect(shiftTraffic(s, [{ targetGroupArn: 'blue', containerName: 'web', containerPort: 8080 }], true, 50, 'production')).toBe(false);
    expect(weights(s.listeners.l1!.defaultActions)).toEqual({ blue: 1 });
  });

  it('refuses an alternate target group or a rule that does not exist', () => {
    const bad = (adv: Record<string, unknown>) =>
      catchEcsError(() => checkAdvancedConfiguration(state(), [{ targetGroupArn: 'blue', advancedConfiguration: adv }])).code;
    expect(bad({ alternateTargetGroupArn: 'nope', productionListenerRule: 'l1-default' })).toBe('InvalidParameterException');
    expect(bad({ alternateTargetGroupArn: 'green', productionListenerRule: 'nope' })).toBe('InvalidParameterException');
    expect(bad({ alternateTargetGroupArn: 'green' })).toBe('InvalidParameterException');
    expect(() => checkAdvancedConfiguration(state(), lbs)).not.toThrow();
  });
});
