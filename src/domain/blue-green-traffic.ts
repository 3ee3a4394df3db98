// Traffic of a blue/green service: which target group each side's tasks register in, and the weights of the
// production and test listener rules (loadBalancers[].advancedConfiguration). Changing a rule's forward here is
// what moves traffic: the listeners read the ELBv2 state. Pure: runs inside a store update.
import { weightedForward, weightsFor } from './blue-green.js';
import type { ActionRecord, Elbv2State } from './elbv2/records.js';
import { invalidParameter } from './errors.js';
import { serviceLoadBalancers, type ServiceLoadBalancer } from './service-load-balancing.js';

export interface AdvancedConfiguration {
  alternateTargetGroupArn?: string;
  productionListenerRule?: string;
  testListenerRule?: string;
  roleArn?: string;
}

const advancedOf = (lb: Record<string, unknown>) => lb.advancedConfiguration as AdvancedConfiguration | undefined;

/** The load balancer entries a side's tasks register in: the alternate target groups, or the main ones. */
export function sideLoadBalancers(loadBalancers: readonly Record<string, unknown>[], alternate: boolean): ServiceLoadBalancer[] {
  return loadBalancers.flatMap((lb) => {
    const [main] = serviceLoadBalancers([lb]);
    if (!main) return [];
    const alt = alternate ? advancedOf(lb)?.alternateTargetGroupArn : undefined;
    return [alt ? { ...main, targetGroupArn: alt } : main];
  });
}

/** The actions of a listener rule, by rule ARN (a listener's default rule included), to read or replace. */
function ruleActions(state: Elbv2State, ruleArn: string): { get: () => ActionRecord[]; set: (a: ActionRecord[]) => void } | undefined {
  const rule = state.listenerRules[ruleArn];
  if (rule) return { get: () => rule.actions, set: (a) => (rule.actions = a) };
  const listener = Object.values(state.listeners).find((l) => l.defaultRuleArn === ruleArn || l.listenerArn === ruleArn);
  if (listener) return { get: () => listener.defaultActions, set: (a) => (listener.defaultActions = a) };
  return undefined;
}

/**
 * Sets the production rules to `greenPercent` on green (and, with `test`, the test rules all to green or, at 0, all
 * back to blue). `greenAlternate`: green's tasks are in the alternate target groups. Returns whether a rule changed.
 */
export function shiftTraffic(
  state: Elbv2State,
  loadBalancers: readonly Record<string, unknown>[],
  greenAlternate: boolean,
  greenPercent: number,
  which: 'production' | 'test',
): boolean {
  let changed = false;
  for (const lb of loadBalancers) {
    const adv = advancedOf(lb);
    if (!adv?.alternateTargetGroupArn || typeof lb.targetGroupArn !== 'string') continue;
    const [blue, green] = greenAlternate
      ? [lb.targetGroupArn, adv.alternateTargetGroupArn]
      : [adv.alternateTargetGroupArn, lb.targetGroupArn];
    const ruleArn = which === 'production' ? adv.productionListenerRule : adv.testListenerRule;
    const actions = ruleArn ? ruleActions(state, ruleArn) : undefined;
    if (!actions) continue;
    actions.set(weightedForward(actions.get(), weightsFor(blue, green, greenPercent)));
    changed = true;
  }
  return changed;
}

/**
 * CreateService's and UpdateService's checks of advancedConfiguration: the alternate target group exists, and
 * the rules name an existing listener rule (or a listener's default rule) that forwards to the service's target
 * groups.
 */
export function checkAdvancedConfiguration(state: Elbv2State, loadBalancers: readonly Record<string, unknown>[] | undefined): void {
  for (const lb of loadBalancers ?? []) {
    const adv = advancedOf(lb);
    if (!adv) continue;
    if (!adv.alternateTargetGroupArn) throw invalidParameter('advancedConfiguration requires alternateTargetGroupArn.');
    if (!state.targetGroups[adv.alternateTargetGroupArn])
      throw invalidParameter(`The alternate target group ${adv.alternateTargetGroupArn} does not exist.`);
    if (!adv.productionListenerRule) throw invalidParameter('advancedConfiguration requires productionListenerRule.');
    for (const arn of [adv.productionListenerRule, adv.testListenerRule]) {
      if (arn && !ruleActions(state, arn)) throw invalidParameter(`The listener rule ${arn} does not exist.`);
    }
  }
}
