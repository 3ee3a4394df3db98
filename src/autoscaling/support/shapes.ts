// The Application Auto Scaling input shapes this emulator checks, from its API model (AnyScaleFrontendService,
// 2016-02-06): required members, enums, lengths and patterns. Members not listed are accepted and ignored, as AWS
// ignores members it does not know. Coral names members in its messages with a lower-case first letter.
import { type Shape, required as req, structure as struct } from '../../protocol/shape-validator.js';

const SERVICE_NAMESPACES = [
  'ecs',
  'elasticmapreduce',
  'ec2',
  'appstream',
  'dynamodb',
  'rds',
  'sagemaker',
  'custom-resource',
  'comprehend',
  'lambda',
  'cassandra',
  'kafka',
  'elasticache',
  'neptune',
  'workspaces',
];
const SCALABLE_DIMENSIONS = [
  'ecs:service:DesiredCount',
  'ec2:spot-fleet-request:TargetCapacity',
  'elasticmapreduce:instancegroup:InstanceCount',
  'appstream:fleet:DesiredCapacity',
  'dynamodb:table:ReadCapacityUnits',
  'dynamodb:table:WriteCapacityUnits',
  'dynamodb:index:ReadCapacityUnits',
  'dynamodb:index:WriteCapacityUnits',
  'rds:cluster:ReadReplicaCount',
  'sagemaker:variant:DesiredInstanceCount',
  'custom-resource:ResourceType:Property',
  'comprehend:document-classifier-endpoint:DesiredInferenceUnits',
  'comprehend:entity-recognizer-endpoint:DesiredInferenceUnits',
  'lambda:function:ProvisionedConcurrency',
  'cassandra:table:ReadCapacityUnits',
  'cassandra:table:WriteCapacityUnits',
  'kafka:broker-storage:VolumeSize',
  'elasticache:cache-cluster:Nodes',
  'elasticache:replication-group:NodeGroups',
  'elasticache:replication-group:Replicas',
  'neptune:cluster:ReadReplicaCount',
  'sagemaker:variant:DesiredProvisionedConcurrency',
  'sagemaker:inference-component:DesiredCopyCount',
  'workspaces:workspacespool:DesiredUserSessions',
];
const POLICY_TYPES = ['StepScaling', 'TargetTrackingScaling', 'PredictiveScaling'];

const XML_STRING = '[\\u0020-\\uD7FF\\uE000-\\uFFFD\\uD800\\uDC00-\\uDBFF\\uDFFF\\r\\n\\t]*';
const resourceId: Shape = { type: 'string', min: 1, max: 1600, pattern: XML_STRING };
const namespace: Shape = { type: 'string', enum: SERVICE_NAMESPACES };
const dimension: Shape = { type: 'string', enum: SCALABLE_DIMENSIONS };
const policyName: Shape = { type: 'string', min: 1, max: 256 };
const arn: Shape = {
  type: 'string',
  min: 1,
  max: 1011,
  pattern: '^arn:.+:application-autoscaling:.+:[0-9]+:scalable-target\\/[a-zA-Z0-9-]+$',
};
const tagKey: Shape = { type: 'string', min: 1, max: 128 };
const tags: Shape = { type: 'map', key: tagKey, value: { type: 'string', min: 0, max: 256 } };
const nextToken: Shape = { type: 'string', pattern: XML_STRING };
const maxResults: Shape = { type: 'integer' };
const capacity: Shape = { type: 'integer' };

const target = { ServiceNamespace: req(namespace), ResourceId: req(resourceId), ScalableDimension: req(dimension) };

const predefinedMetric = struct({
  PredefinedMetricType: req({ type: 'string', min: 1 }),
  ResourceLabel: { type: 'string', min: 1, max: 1023 },
});
const targetTracking = struct({
  TargetValue: req({ type: 'double' }),
  PredefinedMetricSpecification: predefinedMetric,
  ScaleOutCooldown: { type: 'integer' },
  ScaleInCooldown: { type: 'integer' },
  DisableScaleIn: { type: 'boolean' },
});
const stepScaling = struct({
  AdjustmentType: { type: 'string', enum: ['ChangeInCapacity', 'PercentChangeInCapacity', 'ExactCapacity'] },
  StepAdjustments: {
    type: 'list',
    member: struct({
      MetricIntervalLowerBound: { type: 'double' },
      MetricIntervalUpperBound: { type: 'double' },
      ScalingAdjustment: req({ type: 'integer' }),
    }),
  },
  MinAdjustmentMagnitude: { type: 'integer' },
  Cooldown: { type: 'integer' },
  MetricAggregationType: { type: 'string', enum: ['Average', 'Minimum', 'Maximum'] },
});

export const INPUT_SHAPES: Readonly<Record<string, Shape>> = {
  RegisterScalableTarget: struct({
    ...target,
    MinCapacity: capacity,
    MaxCapacity: capacity,
    RoleARN: { type: 'string', min: 1, max: 1600 },
    SuspendedState: struct({
      DynamicScalingInSuspended: { type: 'boolean' },
      DynamicScalingOutSuspended: { type: 'boolean' },
      ScheduledScalingSuspended: { type: 'boolean' },
    }),
    Tags: tags,
  }),
  DeregisterScalableTarget: struct(target),
  DescribeScalableTargets: struct({
    ServiceNamespace: req(namespace),
    ResourceIds: { type: 'list', member: resourceId },
    ScalableDimension: dimension,
    MaxResults: maxResults,
    NextToken: nextToken,
  }),
  PutScalingPolicy: struct({
    PolicyName: req(policyName),
    ...target,
    PolicyType: { type: 'string', enum: POLICY_TYPES },
    StepScalingPolicyConfiguration: stepScaling,
    TargetTrackingScalingPolicyConfiguration: targetTracking,
  }),
  DescribeScalingPolicies: struct({
    PolicyNames: { type: 'list', member: { type: 'string', min: 1, max: 1600 } },
    ServiceNamespace: req(namespace),
    ResourceId: resourceId,
    ScalableDimension: dimension,
    MaxResults: maxResults,
    NextToken: nextToken,
  }),
  DeleteScalingPolicy: struct({ PolicyName: req(policyName), ...target }),
  DescribeScalingActivities: struct({
    ServiceNamespace: req(namespace),
    ResourceId: resourceId,
    ScalableDimension: dimension,
    MaxResults: maxResults,
    NextToken: nextToken,
    IncludeNotScaledActivities: { type: 'boolean' },
  }),
  TagResource: struct({ ResourceARN: req(arn), Tags: req(tags) }),
  UntagResource: struct({ ResourceARN: req(arn), TagKeys: req({ type: 'list', member: tagKey, min: 0, max: 200 }) }),
  ListTagsForResource: struct({ ResourceARN: req(arn) }),
};
