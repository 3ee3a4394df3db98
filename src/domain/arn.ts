// Every ARN this emulator builds or reads: ECS ARNs in AWS's current (long) format, and the few of other services
// (IAM principals, EC2 resources, Cloud Map, secrets) that ECS shapes carry. The partition follows the region.
import type { Scope } from './scope.js';

export function partitionOf(region: string): string {
  if (region.startsWith('cn-')) return 'aws-cn';
  if (region.startsWith('us-gov-')) return 'aws-us-gov';
  return 'aws';
}

const base = (scope: Scope, service = 'ecs') => `arn:${partitionOf(scope.region)}:${service}:${scope.region}:${scope.accountId}`;

/** An ARN of any service in the scope's account and region: `arn:<partition>:<service>:<region>:<account>:<resource>`. */
export const arnIn = (scope: Scope, service: string, resource: string) => `${base(scope, service)}:${resource}`;
/** An ARN of a global service (IAM): no region. */
export const globalArnIn = (scope: Scope, service: string, resource: string) =>
  `arn:${partitionOf(scope.region)}:${service}::${scope.accountId}:${resource}`;

export const clusterArn = (scope: Scope, name: string) => `${base(scope)}:cluster/${name}`;
export const taskDefinitionArn = (scope: Scope, family: string, revision: number) => `${base(scope)}:task-definition/${family}:${revision}`;
export const taskArn = (scope: Scope, clusterName: string, taskId: string) => `${base(scope)}:task/${clusterName}/${taskId}`;
export const containerArn = (scope: Scope, clusterName: string, taskId: string, containerId: string) =>
  `${base(scope)}:container/${clusterName}/${taskId}/${containerId}`;
export const serviceArn = (scope: Scope, clusterName: string, serviceName: string) =>
  `${base(scope)}:service/${clusterName}/${serviceName}`;
export const containerInstanceArn = (scope: Scope, clusterName: string, id: string) =>
  `${base(scope)}:container-instance/${clusterName}/${id}`;
export const serviceDeploymentArn = (scope: Scope, clusterName: string, serviceName: string, id: string) =>
  `${base(scope)}:service-deployment/${clusterName}/${serviceName}/${id}`;
export const serviceRevisionArn = (scope: Scope, clusterName: string, serviceName: string, id: string) =>
  `${base(scope)}:service-revision/${clusterName}/${serviceName}/${id}`;
export const taskSetArn = (scope: Scope, clusterName: string, serviceName: string, id: string) =>
  `${base(scope)}:task-set/${clusterName}/${serviceName}/${id}`;
export const daemonArn = (scope: Scope, clusterName: string, name: string) => `${base(scope)}:daemon/${clusterName}/${name}`;
export const daemonTaskDefinitionArn = (scope: Scope, family: string, revision: number) =>
  `${base(scope)}:daemon-task-definition/${family}:${revision}`;
export const daemonDeploymentArn = (scope: Scope, clusterName: string, name: string, id: string) =>
  `${base(scope)}:daemon-deployment/${clusterName}/${name}/${id}`;
export const daemonRevisionArn = (scope: Scope, clusterName: string, name: string, id: string) =>
  `${base(scope)}:daemon-revision/${clusterName}/${name}/${id}`;
export const gatewayArn = (scope: Scope, name: string) => `${base(scope)}:gateway/${name}`;
export const gatewayRouteArn = (scope: Scope, gatewayName: string, id: string) => `${base(scope)}:gateway-route/${gatewayName}/${id}`;
export const capacityProviderArn = (scope: Scope, name: string) => `${base(scope)}:capacity-provider/${name}`;
/** The ECS attachment a task's ENI belongs to (the ENI's description). */
export const attachmentArn = (scope: Scope, attachmentId: string) => `${base(scope)}:attachment/${attachmentId}`;

// IAM principals.
/** The account's root principal: the account-wide default in account settings, `registeredBy` of task definitions. */
export const rootPrincipalArn = (scope: Scope) => globalArnIn(scope, 'iam', 'root');
/** ECS's service-linked role, which services use when they name none. */
export const ecsServiceLinkedRoleArn = (scope: Scope) =>
  globalArnIn(scope, 'iam', 'role/aws-service-role/ecs.amazonaws.com/AWSServiceRoleForECS');
/** An IAM role (`path` begins and ends with `/`). */
export const iamRoleArn = (scope: Scope, path: string, name: string) => globalArnIn(scope, 'iam', `role${path}${name}`);
/** A customer managed IAM policy. */
export const iamPolicyArn = (scope: Scope, path: string, name: string) => globalArnIn(scope, 'iam', `policy${path}${name}`);

// EC2 resources (`vpc/vpc-…`, `subnet/subnet-…`, `security-group/sg-…`).
export const ec2Arn = (scope: Scope, type: string, id: string) => arnIn(scope, 'ec2', `${type}/${id}`);

export interface ParsedArn {
  partition: string;
  service: string;
  region: string;
  accountId: string;
  /** e.g. 'cluster', 'task', 'task-definition'. */
  resourceType: string;
  /** What follows `<type>/`, e.g. 'my-cluster' or 'my-cluster/0123…'. */
  resource: string;
}

const ARN_RE = /^arn:([a-z-]+):([a-z0-9-]+):([a-z0-9-]*):(\d{12}|):([a-z-]+)\/(.+)$/;

export function parseArn(arn: string): ParsedArn | null {
  const m = ARN_RE.exec(arn);
  if (!m) return null;
  return {
    partition: m[1]!,
    service: m[2]!,
    region: m[3]!,
    accountId: m[4]!,
    resourceType: m[5]!,
    resource: m[6]!,
  };
}

export const isArn = (value: string) => value.startsWith('arn:');

/** Any ARN split into its six parts (the resource may hold ':' and '/'); null when the value is not one. */
export interface ArnParts {
  partition: string;
  service: string;
  region: string;
  accountId: string;
  resource: string;
}

export function splitArn(value: string): ArnParts | null {
  const parts = value.split(':');
  if (parts.length < 6 || parts[0] !== 'arn' || !parts[1] || !parts[2]) return null;
  const [, partition, service, region, accountId] = parts as [string, string, string, string, string];
  return { partition, service, region, accountId, resource: parts.slice(5).join(':') };
}

/** The ARN made of these parts (splitArn's inverse). */
export const joinArn = (a: ArnParts) => `arn:${a.partition}:${a.service}:${a.region}:${a.accountId}:${a.resource}`;

/**
 * The cluster name a request means: a name, a cluster ARN, or nothing (the `default` cluster).
 * Returns null when an ARN is given that is not a cluster ARN.
 */
export function clusterNameFrom(ref: string | undefined): string | null {
  if (ref === undefined || ref === '') return 'default';
  if (!isArn(ref)) return ref;
  const parsed = parseArn(ref);
  if (parsed?.resourceType !== 'cluster' || parsed.resource.includes('/')) return null;
  return parsed.resource;
}

// AWS Cloud Map (servicediscovery) resources.
export const cloudMapNamespaceArn = (scope: Scope, namespaceId: string) => `${base(scope, 'servicediscovery')}:namespace/${namespaceId}`;
export const cloudMapServiceArn = (scope: Scope, serviceId: string) => `${base(scope, 'servicediscovery')}:service/${serviceId}`;
// Elastic Load Balancing v2 (application load balancers): ids are 16 hex digits.
const elb = (scope: Scope) => base(scope, 'elasticloadbalancing');
export const elbLoadBalancerArn = (scope: Scope, name: string, id: string) => `${elb(scope)}:loadbalancer/app/${name}/${id}`;
export const elbTargetGroupArn = (scope: Scope, name: string, id: string) => `${elb(scope)}:targetgroup/${name}/${id}`;
/** Listeners and rules hang under their load balancer's `app/<name>/<id>`. */
export const elbListenerArn = (loadBalancerArn: string, id: string) => `${loadBalancerArn.replace(':loadbalancer/', ':listener/')}/${id}`;
export const elbListenerRuleArn = (listenerArn: string, id: string) => `${listenerArn.replace(':listener/', ':listener-rule/')}/${id}`;

// CloudWatch Logs. DescribeLogGroups' `arn` has a trailing `:*`; `logGroupArn` and the tagging APIs use it without.
export const logGroupArn = (scope: Scope, name: string) => `${base(scope, 'logs')}:log-group:${name}`;
export const logStreamArn = (scope: Scope, group: string, stream: string) => `${logGroupArn(scope, group)}:log-stream:${stream}`;

/** The account, region and log group named by a log group ARN (with or without the trailing `:*`), or null. */
export function parseLogGroupArn(arn: string): { region: string; accountId: string; name: string } | null {
  const m = /^arn:[a-z-]+:logs:([a-z0-9-]+):(\d{12}):log-group:([^:]+)(:\*)?$/.exec(arn);
  return m ? { region: m[1]!, accountId: m[2]!, name: m[3]! } : null;
}

// Application Auto Scaling. Scalable targets have their own ARN (36 characters of id); scaling policies are named
// under the older `autoscaling` service, with the target in the resource; target tracking alarms are CloudWatch's.
export const scalableTargetArn = (scope: Scope, id: string) => `${base(scope, 'application-autoscaling')}:scalable-target/${id}`;
export const scalingPolicyArn = (scope: Scope, id: string, serviceNamespace: string, resourceId: string, policyName: string) =>
  `${base(scope, 'autoscaling')}:scalingPolicy:${id}:resource/${serviceNamespace}/${resourceId}:policyName/${policyName}`;
export const cloudWatchAlarmArn = (scope: Scope, name: string) => `${base(scope, 'cloudwatch')}:alarm:${name}`;
/** The service-linked role Application Auto Scaling uses for ECS services (RoleARN of their scalable targets). */
export const ecsAutoScalingRoleArn = (scope: Scope) =>
  globalArnIn(
    scope,
    'iam',
    'role/aws-service-role/ecs.application-autoscaling.amazonaws.com/AWSServiceRoleForApplicationAutoScaling_ECSService',
  );
