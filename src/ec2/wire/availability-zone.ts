// An availability zone as DescribeAvailabilityZones shows it.
import type { AvailabilityZone } from '../../domain/network/vpc.js';
import { set, type XmlObject } from '../support/xml.js';

export function availabilityZoneXml(region: string, zone: AvailabilityZone): XmlObject {
  return {
    zoneName: zone.zoneName,
    zoneState: 'available',
    regionName: region,
    messageSet: set([]),
    zoneId: zone.zoneId,
    zoneType: 'availability-zone',
    optInStatus: 'opt-in-not-required',
    groupName: `${region}-zg-1`,
    networkBorderGroup: region,
  };
}
