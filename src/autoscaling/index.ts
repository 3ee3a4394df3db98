// Every Application Auto Scaling operation this emulator answers (X-Amz-Target AnyScaleFrontendService.<Operation>).
import type { Action } from '../actions/context.js';
import { deleteScalingPolicy } from './actions/delete-scaling-policy.js';
import { deregisterScalableTarget } from './actions/deregister-scalable-target.js';
import { describeScalableTargets } from './actions/describe-scalable-targets.js';
import { describeScalingActivities } from './actions/describe-scaling-activities.js';
import { describeScalingPolicies } from './actions/describe-scaling-policies.js';
import { putScalingPolicy } from './actions/put-scaling-policy.js';
import { registerScalableTarget } from './actions/register-scalable-target.js';
import { listTagsForResource, tagResource, untagResource } from './actions/tags.js';

export const AUTOSCALING_OPERATIONS: Readonly<Record<string, Action>> = {
  DeleteScalingPolicy: deleteScalingPolicy,
  DeregisterScalableTarget: deregisterScalableTarget,
  DescribeScalableTargets: describeScalableTargets,
  DescribeScalingActivities: describeScalingActivities,
  DescribeScalingPolicies: describeScalingPolicies,
  ListTagsForResource: listTagsForResource,
  PutScalingPolicy: putScalingPolicy,
  RegisterScalableTarget: registerScalableTarget,
  TagResource: tagResource,
  UntagResource: untagResource,
};
