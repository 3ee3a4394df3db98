import { invalidParameterValue } from '../../domain/network/ec2-errors.js';
import { availabilityZones, type AvailabilityZone } from '../../domain/network/vpc.js';
import type { Ec2Action } from '../context.js';
import { applyFilters, filtersOf, type FilterFields } from '../support/filters.js';
import { strList } from '../support/query-params.js';
import { set } from '../support/xml.js';
import { availabilityZoneXml } from '../wire/availability-zone.js';

export const describeAvailabilityZones: Ec2Action = (ctx) => {
  const { region } = ctx.scope;
  const zones = availabilityZones(region);
  const names = strList(ctx.params, 'ZoneName');
  const ids = strList(ctx.params, 'ZoneId');
  const unknown = [...names.filter((n) => !zones.some((z) => z.zoneName === n)), ...ids.filter((i) => !zones.some((z) => z.zoneId === i))];
  if (unknown.length) throw invalidParameterValue(`Invalid availability zone: [${unknown[0]}]`);
  const chosen = zones.filter((z) => (!names.length || names.includes(z.zoneName)) && (!ids.length || ids.includes(z.zoneId)));
  const fields: FilterFields<AvailabilityZone> = {
    'zone-name': (z) => z.zoneName,
    'zone-id': (z) => z.zoneId,
    state: () => 'available',
    'region-name': () => region,
    'zone-type': () => 'availability-zone',
    'group-name': () => `${region}-zg-1`,
    'opt-in-status': () => 'opt-in-not-required',
  };
  const filtered = applyFilters(chosen, filtersOf(ctx.params), fields, () => []);
  return { availabilityZoneInfo: set(filtered.map((z) => availabilityZoneXml(region, z))) };
};
