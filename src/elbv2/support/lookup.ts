// Finding ELBv2 resources by ARN (AWS answers an unknown one with the resource's NotFound error), and the
// checks that tie listeners and rules to target groups.
import { loadBalancersOfTargetGroup, targetGroupsOf, type ActionRecord } from '../../domain/elbv2/records.js';
import type { RegionState } from '../../store/schema.js';
import {
  listenerNotFound,
  loadBalancerNotFound,
  ruleNotFound,
  targetGroupAssociationLimit,
  targetGroupNotFound,
  validationError,
} from '../errors.js';

type State = Readonly<RegionState>;

export function loadBalancer(state: State, arn: string) {
  const lb = state.loadBalancers[arn];
  if (!lb) throw loadBalancerNotFound();
  return lb;
}

export function targetGroup(state: State, arn: string) {
  const tg = state.targetGroups[arn];
  if (!tg) throw targetGroupNotFound();
  return tg;
}

export function listener(state: State, arn: string) {
  const l = state.listeners[arn];
  if (!l) throw listenerNotFound();
  return l;
}

export function rule(state: State, arn: string) {
  const r = state.listenerRules[arn];
  if (!r) throw ruleNotFound();
  return r;
}

export const rulesOf = (state: State, listenerArn: string) =>
  Object.values(state.listenerRules)
    .filter((r) => r.listenerArn === listenerArn)
    .sort((a, b) => a.priority - b.priority);

/** The actions' target groups exist, sit in the load balancer's VPC and serve no other load balancer. */
export function checkForwardTargets(state: State, actions: readonly ActionRecord[], loadBalancerArn: string): void {
  const lb = loadBalancer(state, loadBalancerArn);
  const arns = targetGroupsOf(actions);
  for (const arn of arns) {
    const tg = targetGroup(state, arn);
    if (tg.vpcId !== lb.vpcId) throw validationError(`Target group '${arn}' is not in the same VPC as load balancer '${loadBalancerArn}'`);
  }
  const taken = arns.filter((arn) => loadBalancersOfTargetGroup(state, arn).some((other) => other !== loadBalancerArn));
  if (taken.length) throw targetGroupAssociationLimit(taken);
}
