// Every ELBv2 action this emulator answers, by its query-protocol name. One module per action (or per pair).
import type { AwsQueryAction } from '../protocol/aws-query.js';
import { createListener } from './actions/create-listener.js';
import { createLoadBalancer } from './actions/create-load-balancer.js';
import { createRule } from './actions/create-rule.js';
import { createTargetGroup } from './actions/create-target-group.js';
import { deleteListener } from './actions/delete-listener.js';
import { deleteLoadBalancer } from './actions/delete-load-balancer.js';
import { deleteRule } from './actions/delete-rule.js';
import { deleteTargetGroup } from './actions/delete-target-group.js';
import { deregisterTargets } from './actions/deregister-targets.js';
import { describeListeners } from './actions/describe-listeners.js';
import { describeLoadBalancers } from './actions/describe-load-balancers.js';
import { describeRules } from './actions/describe-rules.js';
import { describeTargetGroups } from './actions/describe-target-groups.js';
import { describeTargetHealth } from './actions/describe-target-health.js';
import { describeListenerAttributes } from './actions/listener-attributes.js';
import { describeLoadBalancerAttributes, modifyLoadBalancerAttributes } from './actions/load-balancer-attributes.js';
import { modifyListener } from './actions/modify-listener.js';
import { modifyRule } from './actions/modify-rule.js';
import { modifyTargetGroup } from './actions/modify-target-group.js';
import { registerTargets } from './actions/register-targets.js';
import { setRulePriorities } from './actions/set-rule-priorities.js';
import { setSecurityGroups } from './actions/set-security-groups.js';
import { describeCapacityReservation } from './actions/describe-capacity-reservation.js';
import { addTags, describeTags, removeTags } from './actions/tags.js';
import { describeTargetGroupAttributes, modifyTargetGroupAttributes } from './actions/target-group-attributes.js';

export const ELBV2_ACTIONS: Readonly<Record<string, AwsQueryAction>> = {
  AddTags: addTags,
  CreateListener: createListener,
  CreateLoadBalancer: createLoadBalancer,
  CreateRule: createRule,
  CreateTargetGroup: createTargetGroup,
  DeleteListener: deleteListener,
  DeleteLoadBalancer: deleteLoadBalancer,
  DeleteRule: deleteRule,
  DeleteTargetGroup: deleteTargetGroup,
  DeregisterTargets: deregisterTargets,
  DescribeCapacityReservation: describeCapacityReservation,
  DescribeListenerAttributes: describeListenerAttributes,
  DescribeListeners: describeListeners,
  DescribeLoadBalancerAttributes: describeLoadBalancerAttributes,
  DescribeLoadBalancers: describeLoadBalancers,
  DescribeRules: describeRules,
  DescribeTags: describeTags,
  DescribeTargetGroupAttributes: describeTargetGroupAttributes,
  DescribeTargetGroups: describeTargetGroups,
  DescribeTargetHealth: describeTargetHealth,
  ModifyListener: modifyListener,
  ModifyLoadBalancerAttributes: modifyLoadBalancerAttributes,
  ModifyRule: modifyRule,
  ModifyTargetGroup: modifyTargetGroup,
  ModifyTargetGroupAttributes: modifyTargetGroupAttributes,
  RegisterTargets: registerTargets,
  RemoveTags: removeTags,
  SetRulePriorities: setRulePriorities,
  SetSecurityGroups: setSecurityGroups,
};
