// What the Terraform provider needs from EC2 besides VPCs and subnets, through @aws-sdk/client-ec2: VPC attributes,
// the filter names EC2 accepts, route tables (main table, routes, associations), internet and NAT gateways, Elastic
// IPs, default network ACLs, tags, account attributes and prefix lists; and which subnets that makes public.
import {
  AllocateAddressCommand,
  AssociateRouteTableCommand,
  AttachInternetGatewayCommand,
  CreateInternetGatewayCommand,
  CreateNatGatewayCommand,
  CreateRouteCommand,
  CreateRouteTableCommand,
  CreateSubnetCommand,
  CreateTagsCommand,
  CreateVpcCommand,
  DeleteInternetGatewayCommand,
  DeleteNatGatewayCommand,
  DeleteRouteTableCommand,
  DeleteSubnetCommand,
  DeleteTagsCommand,
  DeleteVpcCommand,
  DescribeAccountAttributesCommand,
  DescribeAddressesCommand,
  DescribeInternetGatewaysCommand,
  DescribeNatGatewaysCommand,
  DescribeNetworkAclsCommand,
  DescribePrefixListsCommand,
  DescribeRouteTablesCommand,
  DescribeVpcAttributeCommand,
  DescribeVpcsCommand,
  DetachInternetGatewayCommand,
  DisassociateRouteTableCommand,
  ModifyVpcAttributeCommand,
  ReleaseAddressCommand,
  type EC2Client,
} from '@aws-sdk/client-ec2';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { routedToInternetGateway, routedToNatGateway } from '../../src/domain/network/routing.js';
import { startTestEmulator, type TestEmulator } from '../support/emulator.js';
import { ec2Client, ec2Failure } from '../support/ec2.js';

const scope = { accountId: '000000000000', region: 'us-east-1' };
let emu: TestEmulator;
let ec2: EC2Client;

beforeAll(async () => {
  emu = await startTestEmulator();
  ec2 = ec2Client(emu.endpoint);
});
afterAll(async () => {
  ec2.destroy();
  await emu.close();
});

let block = 100;
async function newVpc() {
  block += 1;
  const { Vpc } = await ec2.send(new CreateVpcCommand({ CidrBlock: `10.${block}.0.0/16` }));
  return Vpc!;
}
const subnetIn = async (vpcId: string, cidr: string) =>
  (await ec2.send(new CreateSubnetCommand({ VpcId: vpcId, CidrBlock: cidr }))).Subnet!.SubnetId!;
const state = () => emu.deps.store.read(scope, (s) => s);

describe('VPC attributes and filters', () => {
  it('finds the default VPC with the isDefault filter the Terraform provider sends', async () => {
    const { Vpcs } = await ec2.send(new DescribeVpcsCommand({ Filters: [{ Name: 'isDefault', Values: ['true'] }] }));
    expect(Vpcs).toHaveLength(1);
    expect(Vpcs![0]!.IsDefault).toBe(true);
  });

  it('answers DNS support and hostnames as AWS sets them, and changes them one at a time', async () => {
    const vpc = await newVpc();
    const read = async (Attribute: 'enableDnsSupport' | 'enableDnsHostnames') =>
      ec2.send(new DescribeVpcAttributeCommand({ VpcId: vpc.VpcId, Attribute }));
    expect((await read('enableDnsSupport')).EnableDnsSupport?.Value).toBe(true);
    expect((await read('enableDnsHostnames')).EnableDnsHostnames?.Value).toBe(false);
    await ec2.send(new ModifyVpcAttributeCommand({ VpcId: vpc.VpcId, EnableDnsHostnames: { Value: true } }));
    expect((await read('enableDnsHostnames')).EnableDnsHostnames?.Value).toBe(true);
    const { Vpcs } = await ec2.send(new DescribeVpcsCommand({ Filters: [{ Name: 'isDefault', Values: ['true'] }] }));
    const defaultId = Vpcs![0]!.VpcId;
    const hostnames = await ec2.send(new DescribeVpcAttributeCommand({ VpcId: defaultId, Attribute: 'enableDnsHostnames' }));
    expect(hostnames.EnableDnsHostnames?.Value).toBe(true);
    const missing = await ec2Failure(
      ec2.send(new DescribeVpcAttributeCommand({ VpcId: 'vpc-0000000000000000f', Attribute: 'enableDnsSupport' })),
    );
    expect(missing.name).toBe('InvalidVpcID.NotFound');
  });
});

describe('route tables', () => {
  it('gives every VPC a main table with its local route and a default network ACL', async () => {
    const vpc = await newVpc();
    const { RouteTables } = await ec2.send(
      new DescribeRouteTablesCommand({
        Filters: [
          { Name: 'vpc-id', Values: [vpc.VpcId!] },
          { Name: 'association.main', Values: ['true'] },
        ],
      }),
    );
    expect(RouteTables).toHaveLength(1);
    expect(RouteTables![0]!.Routes).toEqual([
      { DestinationCidrBlock: vpc.CidrBlock, GatewayId: 'local', State: 'active', Origin: 'CreateRouteTable' },
    ]);
    expect(RouteTables![0]!.Associations![0]).toMatchObject({ Main: true, AssociationState: { State: 'associated' } });
    const { NetworkAcls } = await ec2.send(
      new DescribeNetworkAclsCommand({
        Filters: [
          { Name: 'vpc-id', Values: [vpc.VpcId!] },
          { Name: 'default', Values: ['true'] },
        ],
      }),
    );
    expect(NetworkAcls).toHaveLength(1);
    expect(NetworkAcls![0]!.Entries!.map((e) => [e.Egress, e.RuleNumber, e.RuleAction])).toEqual([
      [false, 100, 'allow'],
      [false, 32767, 'deny'],
      [true, 100, 'allow'],
      [true, 32767, 'deny'],
    ]);
  });

  it('the default VPC is routed to its internet gateway, as in a new account', async () => {
    const { Vpcs } = await ec2.send(new DescribeVpcsCommand({ Filters: [{ Name: 'is-default', Values: ['true'] }] }));
    const { InternetGateways } = await ec2.send(
      new DescribeInternetGatewaysCommand({ Filters: [{ Name: 'attachment.vpc-id', Values: [Vpcs![0]!.VpcId!] }] }),
    );
    expect(InternetGateways).toHaveLength(1);
    expect(InternetGateways![0]!.Attachments).toEqual([{ VpcId: Vpcs![0]!.VpcId, State: 'available' }]);
  });

  it('a subnet is public once its table routes to an attached internet gateway; private behind a NAT gateway has a way out', async () => {
    const vpc = await newVpc();
    const vpcId = vpc.VpcId!;
    const publicSubnet = await subnetIn(vpcId, `10.${block}.0.0/24`);
    const privateSubnet = await subnetIn(vpcId, `10.${block}.1.0/24`);
    const igw = (await ec2.send(new CreateInternetGatewayCommand({}))).InternetGateway!.InternetGatewayId!;
    const table = (await ec2.send(new CreateRouteTableCommand({ VpcId: vpcId }))).RouteTable!.RouteTableId!;
    // A route to a gateway of another network (here: not attached) is refused.
    expect(
      (await ec2Failure(ec2.send(new CreateRouteCommand({ RouteTableId: table, DestinationCidrBlock: '0.0.0.0/0', GatewayId: igw })))).name,
    ).toBe('InvalidParameterValue');
    await ec2.send(new AttachInternetGatewayCommand({ InternetGatewayId: igw, VpcId: vpcId }));
    await ec2.send(new CreateRouteCommand({ RouteTableId: table, DestinationCidrBlock: '0.0.0.0/0', GatewayId: igw }));
    expect(routedToInternetGateway(state(), publicSubnet)).toBe(false);
    const { AssociationId } = await ec2.send(new AssociateRouteTableCommand({ RouteTableId: table, SubnetId: publicSubnet }));
    expect(routedToInternetGateway(state(), publicSubnet)).toBe(true);

    const eip = await ec2.send(new AllocateAddressCommand({ Domain: 'vpc' }));
    const nat = (await ec2.send(new CreateNatGatewayCommand({ SubnetId: publicSubnet, AllocationId: eip.AllocationId }))).NatGateway!;
    expect(nat).toMatchObject({ State: 'available', VpcId: vpcId, ConnectivityType: 'public' });
    expect(nat.NatGatewayAddresses![0]).toMatchObject({ AllocationId: eip.AllocationId, PublicIp: eip.PublicIp, IsPrimary: true });
    const { Addresses } = await ec2.send(new DescribeAddressesCommand({ AllocationIds: [eip.AllocationId!] }));
    expect(Addresses![0]!.AssociationId).toBe(nat.NatGatewayAddresses![0]!.AssociationId);
    expect((await ec2Failure(ec2.send(new ReleaseAddressCommand({ AllocationId: eip.AllocationId })))).name).toBe('InvalidIPAddress.InUse');

    const privateTable = (await ec2.send(new CreateRouteTableCommand({ VpcId: vpcId }))).RouteTable!.RouteTableId!;
    await ec2.send(
      new CreateRouteCommand({ RouteTableId: privateTable, DestinationCidrBlock: '0.0.0.0/0', NatGatewayId: nat.NatGatewayId }),
    );
    const privateAssoc = await ec2.send(new AssociateRouteTableCommand({ RouteTableId: privateTable, SubnetId: privateSubnet }));
    expect(routedToNatGateway(state(), privateSubnet)).toBe(true);
    expect(routedToInternetGateway(state(), privateSubnet)).toBe(false);

    // Tear down in the order AWS insists on.
    expect((await ec2Failure(ec2.send(new DeleteVpcCommand({ VpcId: vpcId })))).name).toBe('DependencyViolation');
    expect((await ec2Failure(ec2.send(new DeleteRouteTableCommand({ RouteTableId: table })))).name).toBe('DependencyViolation');
    expect((await ec2Failure(ec2.send(new DeleteInternetGatewayCommand({ InternetGatewayId: igw })))).name).toBe('DependencyViolation');
    await ec2.send(new DeleteNatGatewayCommand({ NatGatewayId: nat.NatGatewayId }));
    expect(routedToNatGateway(state(), privateSubnet)).toBe(false);
    const deleted = await ec2.send(new DescribeNatGatewaysCommand({ NatGatewayIds: [nat.NatGatewayId!] }));
    expect(deleted.NatGateways![0]!.State).toBe('deleted');
    await ec2.send(new ReleaseAddressCommand({ AllocationId: eip.AllocationId }));
    await ec2.send(new DisassociateRouteTableCommand({ AssociationId }));
    await ec2.send(new DisassociateRouteTableCommand({ AssociationId: privateAssoc.AssociationId }));
    await ec2.send(new DeleteRouteTableCommand({ RouteTableId: table }));
    await ec2.send(new DeleteRouteTableCommand({ RouteTableId: privateTable }));
    await ec2.send(new DetachInternetGatewayCommand({ InternetGatewayId: igw, VpcId: vpcId }));
    await ec2.send(new DeleteInternetGatewayCommand({ InternetGatewayId: igw }));
    await ec2.send(new DeleteSubnetCommand({ SubnetId: publicSubnet }));
    await ec2.send(new DeleteSubnetCommand({ SubnetId: privateSubnet }));
    await ec2.send(new DeleteVpcCommand({ VpcId: vpcId }));
    const left = await ec2.send(new DescribeRouteTablesCommand({ Filters: [{ Name: 'vpc-id', Values: [vpcId] }] }));
    expect(left.RouteTables).toEqual([]);
  });

  it('answers unknown ids with EC2 NotFound codes', async () => {
    const cases: [Promise<unknown>, string][] = [
      [ec2.send(new DescribeRouteTablesCommand({ RouteTableIds: ['rtb-0000000000000000a'] })), 'InvalidRouteTableID.NotFound'],
      [
        ec2.send(new DescribeInternetGatewaysCommand({ InternetGatewayIds: ['igw-0000000000000000a'] })),
        'InvalidInternetGatewayID.NotFound',
      ],
      [ec2.send(new DescribeNatGatewaysCommand({ NatGatewayIds: ['nat-0000000000000000a'] })), 'NatGatewayNotFound'],
      [ec2.send(new DescribeAddressesCommand({ AllocationIds: ['eipalloc-0000000000000000a'] })), 'InvalidAllocationID.NotFound'],
      [ec2.send(new DescribeRouteTablesCommand({ RouteTableIds: ['nope'] })), 'InvalidRouteTableID.Malformed'],
    ];
    for (const [call, code] of cases) {
      const err = await ec2Failure(call);
      expect(err.name).toBe(code);
      expect(err.$metadata.httpStatusCode).toBe(400);
    }
  });
});

describe('tags, account attributes, prefix lists', () => {
  it('CreateTags and DeleteTags change the tags Describe* returns', async () => {
    const vpc = await newVpc();
    await ec2.send(
      new CreateTagsCommand({
        Resources: [vpc.VpcId!],
        Tags: [
          { Key: 'Name', Value: 'a' },
          { Key: 'team', Value: 'x' },
        ],
      }),
    );
    await ec2.send(new DeleteTagsCommand({ Resources: [vpc.VpcId!], Tags: [{ Key: 'team' }] }));
    const { Vpcs } = await ec2.send(new DescribeVpcsCommand({ VpcIds: [vpc.VpcId!] }));
    expect(Vpcs![0]!.Tags).toEqual([{ Key: 'Name', Value: 'a' }]);
    expect(
      (await ec2Failure(ec2.send(new CreateTagsCommand({ Resources: ['vpc-0000000000000000a'], Tags: [{ Key: 'a', Value: 'b' }] })))).name,
    ).toBe('InvalidVpcID.NotFound');
  });

  it('describes the account as VPC-only with its default VPC, and the gateway endpoints’ prefix lists', async () => {
    const { AccountAttributes } = await ec2.send(
      new DescribeAccountAttributesCommand({ AttributeNames: ['supported-platforms', 'default-vpc'] }),
    );
    expect(AccountAttributes![0]).toEqual({ AttributeName: 'supported-platforms', AttributeValues: [{ AttributeValue: 'VPC' }] });
    expect(AccountAttributes![1]!.AttributeValues![0]!.AttributeValue).toMatch(/^vpc-/);
    const { PrefixLists } = await ec2.send(new DescribePrefixListsCommand({}));
    expect(PrefixLists!.map((p) => p.PrefixListName)).toEqual(['com.amazonaws.us-east-1.s3', 'com.amazonaws.us-east-1.dynamodb']);
    expect(PrefixLists![0]!.Cidrs).toHaveLength(1);
  });
});
