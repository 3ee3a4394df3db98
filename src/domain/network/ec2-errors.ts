// EC2 errors as the EC2 API returns them: a code (often dotted, like InvalidSubnetID.NotFound), a message, HTTP 400.
// Messages are EC2's own wording as seen in real answers (sources in the networking report); the few marked
// "ours" were not found and follow EC2's style.
import { ServiceError } from '../service-error.js';

export class Ec2Error extends ServiceError {}

const quoteList = (ids: readonly string[]) => `'${ids.join(', ')}'`;

export const missingParameter = (name: string) => new Ec2Error('MissingParameter', `The request must contain the parameter ${name}`);
export const invalidParameterValue = (message: string) => new Ec2Error('InvalidParameterValue', message);
export const invalidParameterCombination = (message: string) => new Ec2Error('InvalidParameterCombination', message);
export const invalidFilter = (name: string) => new Ec2Error('InvalidParameterValue', `The filter '${name}' is invalid`);
export const invalidAction = (action: string) => new Ec2Error('InvalidAction', `The action ${action} is not valid for this web service.`);
export const noSuchVersion = (version: string) =>
  new Ec2Error('NoSuchVersion', `The requested version (${version}) of service AmazonEC2 does not exist`);
export const invalidNextToken = (token: string) => new Ec2Error('InvalidNextToken', `The token '${token}' is invalid`);
export const dryRunOperation = () => new Ec2Error('DryRunOperation', 'Request would have succeeded, but DryRun flag is set.', 412);
export const internalError = () => new Ec2Error('InternalError', 'An internal error has occurred', 500);

export const vpcNotFound = (ids: readonly string[]) =>
  new Ec2Error(
    'InvalidVpcID.NotFound',
    ids.length > 1 ? `The vpc IDs ${quoteList(ids)} do not exist` : `The vpc ID '${ids[0]}' does not exist`,
  );
export const subnetNotFound = (ids: readonly string[]) =>
  new Ec2Error(
    'InvalidSubnetID.NotFound',
    ids.length > 1 ? `The subnet IDs ${quoteList(ids)} do not exist` : `The subnet ID '${ids[0]}' does not exist`,
  );
export const securityGroupNotFound = (id: string) => new Ec2Error('InvalidGroup.NotFound', `The security group '${id}' does not exist`);
export const securityGroupNameNotFound = (name: string, vpcId: string) =>
  new Ec2Error('InvalidGroup.NotFound', `The security group '${name}' does not exist in default VPC '${vpcId}'`);
export const securityGroupRuleNotFound = (id: string) =>
  new Ec2Error('InvalidSecurityGroupRuleId.NotFound', `The security group rule ID '${id}' does not exist`);
export const networkInterfaceNotFound = (id: string) =>
  new Ec2Error('InvalidNetworkInterfaceID.NotFound', `The networkInterface ID '${id}' does not exist`);
export const malformedId = (code: string, id: string, prefix: string) =>
  new Ec2Error(code, `Invalid id: "${id}" (expecting "${prefix}-...")`);

export const invalidVpcRange = (cidr: string) => new Ec2Error('InvalidVpc.Range', `The CIDR '${cidr}' is invalid.`);
export const invalidSubnetRange = (cidr: string) => new Ec2Error('InvalidSubnet.Range', `The CIDR '${cidr}' is invalid.`);
export const invalidSubnetConflict = (cidr: string) =>
  new Ec2Error('InvalidSubnet.Conflict', `The CIDR '${cidr}' conflicts with another subnet`);
export const invalidCidrParameter = (cidr: string) =>
  new Ec2Error('InvalidParameterValue', `Value (${cidr}) for parameter cidrBlock is invalid. This is not a valid CIDR block.`);
export const invalidAvailabilityZone = (zone: string, valid: readonly string[]) =>
  new Ec2Error(
    'InvalidParameterValue',
    `Value (${zone}) for parameter availabilityZone is invalid. Subnets can currently only be created in the following availability zones: ${valid.join(', ')}.`,
  );

export const subnetHasDependencies = (id: string) =>
  new Ec2Error('DependencyViolation', `The subnet '${id}' has dependencies and cannot be deleted.`);
export const vpcHasDependencies = (id: string) =>
  new Ec2Error('DependencyViolation', `The vpc '${id}' has dependencies and cannot be deleted.`);
export const groupHasDependentObject = (id: string) => new Ec2Error('DependencyViolation', `resource ${id} has a dependent object`);
export const cannotDeleteDefaultGroup = (id: string) =>
  new Ec2Error('CannotDelete', `the specified group: "${id}" name: "default" cannot be deleted by a user`);

export const duplicateGroup = (name: string, vpcId: string) =>
  new Ec2Error('InvalidGroup.Duplicate', `The security group '${name}' already exists for VPC '${vpcId}'`);
export const reservedGroupName = () => new Ec2Error('InvalidParameterValue', 'Cannot use reserved security group name: default');
export const groupNameLooksLikeId = () => new Ec2Error('InvalidParameterValue', 'Group names may not be in the format sg-*.');
export const duplicatePermission = (peer: string) =>
  new Ec2Error('InvalidPermission.Duplicate', `the specified rule "${peer}" already exists`);
export const permissionNotFound = () =>
  new Ec2Error('InvalidPermission.NotFound', 'The specified rule does not exist in this security group.');
export const portRangeRequired = () =>
  new Ec2Error('InvalidParameterValue', 'Invalid value for portRange. Must specify both from and to ports with TCP/UDP.');
export const unknownProtocol = (protocol: string) =>
  new Ec2Error('InvalidParameterValue', `Invalid value '${protocol}' for IP protocol. Unknown protocol.`);
// Ours: EC2's wording for an inverted port range was not found.
export const invalidPortRange = (from: number, to: number) =>
  new Ec2Error(
    'InvalidParameterValue',
    `Invalid value for portRange. The from port (${from}) must not be greater than the to port (${to}).`,
  );
export const malformedCidrIp = (cidr: string) => new Ec2Error('InvalidParameterValue', `CIDR block ${cidr} is malformed`);
export const groupInOtherVpc = () =>
  new Ec2Error('InvalidGroup.NotFound', 'You have specified two resources that belong to different networks.');
