// The EC2 resources here that carry tags, found by id (CreateTags, DeleteTags).
import { Ec2Error } from '../../domain/network/ec2-errors.js';
import type { Tag } from '../../domain/tags.js';
import type { RegionState } from '../../store/schema.js';

const COLLECTIONS: ReadonlyArray<[prefix: string, code: string, of: (s: RegionState) => Record<string, { tags: Tag[] }> | undefined]> = [
  ['vpc', 'InvalidVpcID.NotFound', (s) => s.vpcs],
  ['subnet', 'InvalidSubnetID.NotFound', (s) => s.subnets],
  ['sg', 'InvalidGroup.NotFound', (s) => s.securityGroups],
  ['igw', 'InvalidInternetGatewayID.NotFound', (s) => s.internetGateways],
  ['rtb', 'InvalidRouteTableID.NotFound', (s) => s.routeTables],
  ['nat', 'NatGatewayNotFound', (s) => s.natGateways],
  ['eipalloc', 'InvalidAllocationID.NotFound', (s) => s.addresses],
  ['acl', 'InvalidNetworkAclID.NotFound', (s) => s.networkAcls],
];

/** The tags of the resource with this id; EC2's NotFound (or InvalidID for an unknown kind) otherwise. */
export function tagsOfResource(s: RegionState, id: string): Tag[] {
  const prefix = id.replace(/-[0-9a-f]+$/, '');
  const entry = COLLECTIONS.find(([p]) => p === prefix);
  if (!entry) throw new Ec2Error('InvalidID', `The ID '${id}' is not valid`);
  const record = entry[2](s)?.[id];
  if (!record) throw new Ec2Error(entry[1], `The ID '${id}' does not exist`);
  return record.tags;
}
