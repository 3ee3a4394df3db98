// Every EC2 action this emulator answers, by its query-protocol name. One module per action.
import { authorizeSecurityGroupEgress } from './actions/authorize-security-group-egress.js';
import { authorizeSecurityGroupIngress } from './actions/authorize-security-group-ingress.js';
import { createSecurityGroup } from './actions/create-security-group.js';
import { createSubnet } from './actions/create-subnet.js';
import { createVpc } from './actions/create-vpc.js';
import { deleteSecurityGroup } from './actions/delete-security-group.js';
import { deleteSubnet } from './actions/delete-subnet.js';
import { deleteVpc } from './actions/delete-vpc.js';
import { describeAvailabilityZones } from './actions/describe-availability-zones.js';
import { describeNetworkInterfaces } from './actions/describe-network-interfaces.js';
import { describeSecurityGroupRules } from './actions/describe-security-group-rules.js';
import { describeSecurityGroups } from './actions/describe-security-groups.js';
import { describeSubnets } from './actions/describe-subnets.js';
import { describeVpcs } from './actions/describe-vpcs.js';
import { modifySubnetAttribute } from './actions/modify-subnet-attribute.js';
import { revokeSecurityGroupEgress } from './actions/revoke-security-group-egress.js';
import { revokeSecurityGroupIngress } from './actions/revoke-security-group-ingress.js';
import type { Ec2Action } from './context.js';

export const EC2_ACTIONS: Readonly<Record<string, Ec2Action>> = {
  AuthorizeSecurityGroupEgress: authorizeSecurityGroupEgress,
  AuthorizeSecurityGroupIngress: authorizeSecurityGroupIngress,
  CreateSecurityGroup: createSecurityGroup,
  CreateSubnet: createSubnet,
  CreateVpc: createVpc,
  DeleteSecurityGroup: deleteSecurityGroup,
  DeleteSubnet: deleteSubnet,
  DeleteVpc: deleteVpc,
  DescribeAvailabilityZones: describeAvailabilityZones,
  DescribeNetworkInterfaces: describeNetworkInterfaces,
  DescribeSecurityGroupRules: describeSecurityGroupRules,
  DescribeSecurityGroups: describeSecurityGroups,
  DescribeSubnets: describeSubnets,
  DescribeVpcs: describeVpcs,
  ModifySubnetAttribute: modifySubnetAttribute,
  RevokeSecurityGroupEgress: revokeSecurityGroupEgress,
  RevokeSecurityGroupIngress: revokeSecurityGroupIngress,
};
