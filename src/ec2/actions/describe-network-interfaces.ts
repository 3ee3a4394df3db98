import { FARGATE_INSTANCE_OWNER_ID, type NetworkInterfaceRecord } from '../../domain/network/eni.js';
import { networkInterfaceNotFound } from '../../domain/network/ec2-errors.js';
import type { Ec2Action } from '../context.js';
import { applyFilters, filtersOf, type FilterFields } from '../support/filters.js';
import { creationKey, paginate } from '../support/pagination.js';
import { strList } from '../support/query-params.js';
import { checkIdFormat, readNetwork } from '../support/region.js';
import { set } from '../support/xml.js';
import { networkInterfaceXml } from '../wire/network-interface.js';

/** Task ENIs, from PROVISIONING until the task is deprovisioned. */
export const describeNetworkInterfaces: Ec2Action = (ctx) => {
  const ids = strList(ctx.params, 'NetworkInterfaceId');
  checkIdFormat(ids, 'eni', 'InvalidNetworkInterfaceID.Malformed');
  return readNetwork(ctx, (s) => {
    const all = Object.values(s.networkInterfaces);
    const missing = ids.find((id) => !s.networkInterfaces[id]);
    if (missing) throw networkInterfaceNotFound(missing);
    const chosen = ids.length ? all.filter((e) => ids.includes(e.networkInterfaceId)) : all;
    const fields: FilterFields<NetworkInterfaceRecord> = {
      'network-interface-id': (e) => e.networkInterfaceId,
      'subnet-id': (e) => e.subnetId,
      'vpc-id': (e) => e.vpcId,
      'availability-zone': (e) => e.availabilityZone,
      'group-id': (e) => e.groups,
      'group-name': (e) => e.groups.map((id) => s.securityGroups[id]?.groupName),
      status: (e) => e.status,
      description: (e) => e.description,
      'interface-type': (e) => e.interfaceType,
      'mac-address': (e) => e.macAddress,
      'owner-id': (e) => e.ownerId,
      'requester-id': (e) => e.requesterId,
      'requester-managed': (e) => e.requesterManaged,
      'source-dest-check': () => true,
      'private-ip-address': (e) => e.privateIpAddress,
      'private-dns-name': (e) => e.privateDnsName,
      'addresses.private-ip-address': (e) => e.privateIpAddress,
      'addresses.primary': () => true,
      'addresses.association.public-ip': (e) => e.publicIp,
      'association.public-ip': (e) => e.publicIp,
      'attachment.attachment-id': (e) => e.ec2AttachmentId,
      'attachment.status': () => 'attached',
      'attachment.device-index': () => 1,
      'attachment.instance-owner-id': () => FARGATE_INSTANCE_OWNER_ID,
      'attachment.delete-on-termination': () => false,
    };
    const page = paginate(
      applyFilters(chosen, filtersOf(ctx.params), fields, () => []),
      (e) => creationKey(e.createdAt, e.networkInterfaceId),
      ctx.params,
      { min: 5, max: 1000 },
    );
    return { networkInterfaceSet: set(page.items.map((e) => networkInterfaceXml(ctx.scope, s, e))), nextToken: page.nextToken };
  });
};
