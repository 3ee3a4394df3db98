// Every EC2 action this emulator answers, by its query-protocol name. One module per action.
import { allocateAddress } from './actions/allocate-address.js';
import { associateRouteTable } from './actions/associate-route-table.js';
import { attachInternetGateway } from './actions/attach-internet-gateway.js';
import { authorizeSecurityGroupEgress } from './actions/authorize-security-group-egress.js';
import { authorizeSecurityGroupIngress } from './actions/authorize-security-group-ingress.js';
import { createInternetGateway } from './actions/create-internet-gateway.js';
import { createNatGateway } from './actions/create-nat-gateway.js';
import { createRoute } from './actions/create-route.js';
import { createRouteTable } from './actions/create-route-table.js';
import { createSecurityGroup } from './actions/create-security-group.js';
import { createSubnet } from './actions/create-subnet.js';
import { createTags } from './actions/create-tags.js';
import { createVpc } from './actions/create-vpc.js';
import { deleteInternetGateway } from './actions/delete-internet-gateway.js';
import { deleteNatGateway } from './actions/delete-nat-gateway.js';
import { deleteRoute } from './actions/delete-route.js';
import { deleteRouteTable } from './actions/delete-route-table.js';
import { deleteSecurityGroup } from './actions/delete-security-group.js';
import { deleteSubnet } from './actions/delete-subnet.js';
import { deleteTags } from './actions/delete-tags.js';
import { deleteVpc } from './actions/delete-vpc.js';
import { describeAccountAttributes } from './actions/describe-account-attributes.js';
import { describeAddresses } from './actions/describe-addresses.js';
import { describeAddressesAttribute } from './actions/describe-addresses-attribute.js';
import { describeAvailabilityZones } from './actions/describe-availability-zones.js';
import { describeInternetGateways } from './actions/describe-internet-gateways.js';
import { describeNatGateways } from './actions/describe-nat-gateways.js';
import { describeNetworkAcls } from './actions/describe-network-acls.js';
import { describeNetworkInterfaces } from './actions/describe-network-interfaces.js';
import { describePrefixLists } from './actions/describe-prefix-lists.js';
import { describeRouteTables } from './actions/describe-route-tables.js';
import { describeSecurityGroupRules } from './actions/describe-security-group-rules.js';
import { describeSecurityGroups } from './actions/describe-security-groups.js';
import { describeSubnets } from './actions/describe-subnets.js';
import { describeVpcAttribute } from './actions/describe-vpc-attribute.js';
import { disassociateAddress } from './actions/disassociate-address.js';
import { describeVpcs } from './actions/describe-vpcs.js';
import { detachInternetGateway } from './actions/detach-internet-gateway.js';
import { disassociateRouteTable } from './actions/disassociate-route-table.js';
import { modifySubnetAttribute } from './actions/modify-subnet-attribute.js';
import { modifyVpcAttribute } from './actions/modify-vpc-attribute.js';
import { releaseAddress } from './actions/release-address.js';
import { replaceRoute } from './actions/replace-route.js';
import { replaceRouteTableAssociation } from './actions/replace-route-table-association.js';
import { revokeSecurityGroupEgress } from './actions/revoke-security-group-egress.js';
import { revokeSecurityGroupIngress } from './actions/revoke-security-group-ingress.js';
import type { Ec2Action } from './context.js';

export const EC2_ACTIONS: Readonly<Record<string, Ec2Action>> = {
  AllocateAddress: allocateAddress,
  AssociateRouteTable: associateRouteTable,
  AttachInternetGateway: attachInternetGateway,
  AuthorizeSecurityGroupEgress: authorizeSecurityGroupEgress,
  AuthorizeSecurityGroupIngress: authorizeSecurityGroupIngress,
  CreateInternetGateway: createInternetGateway,
  CreateNatGateway: createNatGateway,
  CreateRoute: createRoute,
  CreateRouteTable: createRouteTable,
  CreateSecurityGroup: createSecurityGroup,
  CreateSubnet: createSubnet,
  CreateTags: createTags,
  CreateVpc: createVpc,
  DeleteInternetGateway: deleteInternetGateway,
  DeleteNatGateway: deleteNatGateway,
  DeleteRoute: deleteRoute,
  DeleteRouteTable: deleteRouteTable,
  DeleteSecurityGroup: deleteSecurityGroup,
  DeleteSubnet: deleteSubnet,
  DeleteTags: deleteTags,
  DeleteVpc: deleteVpc,
  DescribeAccountAttributes: describeAccountAttributes,
  DescribeAddresses: describeAddresses,
  DescribeAddressesAttribute: describeAddressesAttribute,
  DescribeAvailabilityZones: describeAvailabilityZones,
  DescribeInternetGateways: describeInternetGateways,
  DescribeNatGateways: describeNatGateways,
  DescribeNetworkAcls: describeNetworkAcls,
  DescribeNetworkInterfaces: describeNetworkInterfaces,
  DescribePrefixLists: describePrefixLists,
  DescribeRouteTables: describeRouteTables,
  DescribeSecurityGroupRules: describeSecurityGroupRules,
  DescribeSecurityGroups: describeSecurityGroups,
  DescribeSubnets: describeSubnets,
  DescribeVpcAttribute: describeVpcAttribute,
  DescribeVpcs: describeVpcs,
  DetachInternetGateway: detachInternetGateway,
  DisassociateAddress: disassociateAddress,
  DisassociateRouteTable: disassociateRouteTable,
  ModifySubnetAttribute: modifySubnetAttribute,
  ModifyVpcAttribute: modifyVpcAttribute,
  ReleaseAddress: releaseAddress,
  ReplaceRoute: replaceRoute,
  ReplaceRouteTableAssociation: replaceRouteTableAssociation,
  RevokeSecurityGroupEgress: revokeSecurityGroupEgress,
  RevokeSecurityGroupIngress: revokeSecurityGroupIngress,
};
