import { subnetNotFound } from '../../domain/network/ec2-errors.js';
import { availableIpAddressCount } from '../../domain/network/network-state.js';
import type { SubnetRecord } from '../../domain/network/vpc.js';
import type { Ec2Action } from '../context.js';
import { applyFilters, filtersOf, type FilterFields } from '../support/filters.js';
import { creationKey, paginate } from '../support/pagination.js';
import { strList } from '../support/query-params.js';
import { checkIdFormat, readNetwork } from '../support/region.js';
import { set } from '../support/xml.js';
import { ec2Arn } from '../../domain/arn.js';
import { subnetXml } from '../wire/subnet.js';

export const describeSubnets: Ec2Action = (ctx) => {
  const ids = strList(ctx.params, 'SubnetId');
  checkIdFormat(ids, 'subnet', 'InvalidSubnetID.Malformed');
  const all = readNetwork(ctx, (s) =>
    Object.values(s.subnets).map((subnet) => ({ subnet, available: availableIpAddressCount(s, subnet) })),
  );
  const missing = ids.filter((id) => !all.some((x) => x.subnet.subnetId === id));
  if (missing.length) throw subnetNotFound(missing);
  const chosen = ids.length ? all.filter((x) => ids.includes(x.subnet.subnetId)) : all;
  const on = (f: (s: SubnetRecord) => string | boolean) => (x: (typeof all)[number]) => f(x.subnet);
  const fields: FilterFields<(typeof all)[number]> = {
    'subnet-id': on((s) => s.subnetId),
    'vpc-id': on((s) => s.vpcId),
    'cidr-block': on((s) => s.cidrBlock),
    cidr: on((s) => s.cidrBlock),
    cidrBlock: on((s) => s.cidrBlock),
    'availability-zone': on((s) => s.availabilityZone),
    availabilityZone: on((s) => s.availabilityZone),
    'availability-zone-id': on((s) => s.availabilityZoneId),
    availabilityZoneId: on((s) => s.availabilityZoneId),
    'available-ip-address-count': (x) => x.available,
    'default-for-az': on((s) => s.defaultForAz),
    defaultForAz: on((s) => s.defaultForAz),
    'map-public-ip-on-launch': on((s) => s.mapPublicIpOnLaunch),
    'owner-id': () => ctx.scope.accountId,
    state: on((s) => s.state),
    'subnet-arn': on((s) => ec2Arn(ctx.scope, 'subnet', s.subnetId)),
  };
  const filtered = applyFilters(chosen, filtersOf(ctx.params), fields, (x) => x.subnet.tags);
  const page = paginate(
    filtered,
    // The default subnets share one creation time: zone order among them.
    (x) => creationKey(x.subnet.createdAt, x.subnet.availabilityZone, x.subnet.subnetId),
    ctx.params,
    { min: 5, max: 1000 },
  );
  return { subnetSet: set(page.items.map((x) => subnetXml(ctx.scope, x.subnet, x.available))), nextToken: page.nextToken };
};
