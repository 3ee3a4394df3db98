// ELBv2's errors: the codes of the SDK's model (awsQueryError names), HTTP 400, AWS's messages.
import { AwsQueryError, validationError } from '../protocol/aws-query.js';

export { validationError };

const e = (code: string, message: string) => new AwsQueryError(code, message);

export const loadBalancerNotFound = () => e('LoadBalancerNotFound', 'One or more load balancers not found');
export const targetGroupNotFound = () => e('TargetGroupNotFound', 'One or more target groups not found');
export const listenerNotFound = () => e('ListenerNotFound', 'One or more listeners not found');
export const ruleNotFound = () => e('RuleNotFound', 'One or more rules not found');
export const duplicateLoadBalancerName = (name: string) =>
  e('DuplicateLoadBalancerName', `A load balancer with the same name '${name}' exists, but with different settings`);
export const duplicateTargetGroupName = (name: string) =>
  e('DuplicateTargetGroupName', `A target group with the same name '${name}' exists, but with different settings`);
export const duplicateListener = (loadBalancerArn: string) =>
  e('DuplicateListener', `A listener already exists on this port for this load balancer '${loadBalancerArn}'`);
export const priorityInUse = (priority: number) => e('PriorityInUse', `Priority '${priority}' is currently in use`);
export const targetGroupInUse = (arn: string) => e('ResourceInUse', `Target group '${arn}' is currently in use by a listener or a rule`);
export const targetGroupAssociationLimit = (arns: readonly string[]) =>
  e(
    'TargetGroupAssociationLimit',
    `The following target groups cannot be associated with more than one load balancer: ${arns.map((a) => `'${a}'`).join(', ')}`,
  );
export const invalidTarget = (message: string) => e('InvalidTarget', message);
export const subnetNotFound = (ids: readonly string[]) =>
  e(
    'SubnetNotFound',
    `The subnet ID${ids.length > 1 ? 's' : ''} ${ids.map((i) => `'${i}'`).join(', ')} ${ids.length > 1 ? 'do' : 'does'} not exist`,
  );
export const invalidSubnet = (message: string) => e('InvalidSubnet', message);
export const invalidSecurityGroup = (ids: readonly string[]) =>
  e('InvalidSecurityGroup', `One or more security groups are invalid: ${ids.map((i) => `'${i}'`).join(', ')}`);
export const invalidConfigurationRequest = (message: string) => e('InvalidConfigurationRequest', message);
export const operationNotPermitted = (message: string) => e('OperationNotPermitted', message);
export const incompatibleProtocols = (message: string) => e('IncompatibleProtocols', message);
export const unsupportedProtocol = (protocol: string) => e('UnsupportedProtocol', `Protocol '${protocol}' is not supported`);
export const duplicateTagKeys = (key: string) => e('DuplicateTagKeys', `Tag key '${key}' was specified more than once`);
export const tooManyTags = () =>
  e('TooManyTags', 'The quota for the number of tags that can be assigned to a load balancer has been reached');
