import { Ec2Error, invalidParameterValue, missingParameter } from '../../domain/network/ec2-errors.js';
import { parseCidr } from '../../domain/network/cidr.js';
import { allocateIp } from '../../domain/network/ip-allocator.js';
import { addressesInSubnet } from '../../domain/network/network-state.js';
import { getAddress, natGatewaysOf, type NatGatewayRecord } from '../../domain/network/routing.js';
import { getSubnet } from '../../domain/network/vpc-operations.js';
import type { Ec2Action } from '../context.js';
import { requiredStr, str } from '../support/query-params.js';
import { checkIdFormat, newEc2Id, updateNetwork } from '../support/region.js';
import { tagsFromSpecifications } from '../support/tag-specifications.js';
import { natGatewayXml } from '../wire/routing.js';

/**
 * Available at once (AWS takes a minute or two). It takes an address in its subnet and, when public, holds its
 * Elastic IP. Subnets whose default route goes to it reach the internet when it sits in a public subnet.
 */
export const createNatGateway: Ec2Action = (ctx) => {
  const subnetId = requiredStr(ctx.params, 'SubnetId');
  checkIdFormat([subnetId], 'subnet', 'InvalidSubnetID.Malformed');
  const connectivityType = str(ctx.params, 'ConnectivityType') ?? 'public';
  if (connectivityType !== 'public' && connectivityType !== 'private')
    throw invalidParameterValue(`Value (${connectivityType}) for parameter connectivityType is invalid.`);
  const allocationId = str(ctx.params, 'AllocationId');
  if (connectivityType === 'public' && allocationId === undefined) throw missingParameter('AllocationId');
  if (connectivityType === 'private' && allocationId !== undefined)
    throw invalidParameterValue('A private NAT gateway cannot have an Elastic IP address.');
  const tags = tagsFromSpecifications(ctx.params, 'natgateway');
  const nat = updateNetwork(ctx, (s) => {
    const subnet = getSubnet(s, subnetId);
    const address = allocationId === undefined ? undefined : getAddress(s, allocationId);
    if (address?.associationId !== undefined)
      throw new Ec2Error('Resource.AlreadyAssociated', `Elastic IP address [${allocationId}] is already associated`);
    const privateIp = allocateIp(parseCidr(subnet.cidrBlock)!, addressesInSubnet(s, subnetId));
    if (!privateIp) throw new Ec2Error('InsufficientFreeAddressesInSubnet', `Subnet ${subnetId} has no free addresses.`);
    const associationId = address ? newEc2Id(ctx, 'eipassoc') : undefined;
    const n: NatGatewayRecord = {
      natGatewayId: newEc2Id(ctx, 'nat'),
      vpcId: subnet.vpcId,
      subnetId,
      connectivityType,
      allocationId,
      associationId,
      networkInterfaceId: newEc2Id(ctx, 'eni'),
      privateIp,
      publicIp: address?.publicIp,
      state: 'available',
      createdAt: ctx.deps.clock.now(),
      tags,
    };
    if (address) {
      address.associationId = associationId;
      address.networkInterfaceId = n.networkInterfaceId;
      address.privateIpAddress = privateIp;
    }
    natGatewaysOf(s)[n.natGatewayId] = n;
    return n;
  });
  ctx.deps.tasks.networkChanged(ctx.scope, nat.vpcId);
  return { clientToken: str(ctx.params, 'ClientToken'), natGateway: natGatewayXml(nat) };
};
