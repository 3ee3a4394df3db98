import { vpcNotFound } from '../../domain/network/ec2-errors.js';
import type { VpcRecord } from '../../domain/network/vpc.js';
import type { Ec2Action } from '../context.js';
import { applyFilters, filtersOf, type FilterFields } from '../support/filters.js';
import { creationKey, paginate } from '../support/pagination.js';
import { strList } from '../support/query-params.js';
import { checkIdFormat, readNetwork } from '../support/region.js';
import { set } from '../support/xml.js';
import { vpcXml } from '../wire/vpc.js';

const FIELDS: FilterFields<VpcRecord> = {
  'vpc-id': (v) => v.vpcId,
  cidr: (v) => v.cidrBlock,
  'cidr-block-association.cidr-block': (v) => v.cidrBlock,
  'cidr-block-association.association-id': (v) => v.cidrBlockAssociationId,
  'cidr-block-association.state': () => 'associated',
  'dhcp-options-id': (v) => v.dhcpOptionsId,
  'is-default': (v) => v.isDefault,
  // Not in EC2's list, but EC2 accepts it (the Terraform provider's default-VPC lookup sends it).
  isDefault: (v) => v.isDefault,
  state: (v) => v.state,
};

export const describeVpcs: Ec2Action = (ctx) => {
  const ids = strList(ctx.params, 'VpcId');
  checkIdFormat(ids, 'vpc', 'InvalidVpcID.Malformed');
  const all = readNetwork(ctx, (s) => Object.values(s.vpcs));
  const missing = ids.filter((id) => !all.some((v) => v.vpcId === id));
  if (missing.length) throw vpcNotFound(missing);
  const chosen = ids.length ? all.filter((v) => ids.includes(v.vpcId)) : all;
  const fields: FilterFields<VpcRecord> = { ...FIELDS, 'owner-id': () => ctx.scope.accountId };
  const page = paginate(
    applyFilters(chosen, filtersOf(ctx.params), fields, (v) => v.tags),
    (v) => creationKey(v.createdAt, v.vpcId),
    ctx.params,
    { min: 5, max: 1000 },
  );
  return { vpcSet: set(page.items.map((v) => vpcXml(ctx.scope, v))), nextToken: page.nextToken };
};
