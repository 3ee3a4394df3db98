import { allocationNotFound, type AddressRecord } from '../../domain/network/routing.js';
import type { Ec2Action } from '../context.js';
import { describeItems } from '../support/describe.js';
import { Ec2Error } from '../../domain/network/ec2-errors.js';
import { strList } from '../support/query-params.js';
import { readNetwork } from '../support/region.js';
import { set } from '../support/xml.js';
import { addressXml } from '../wire/routing.js';

export const describeAddresses: Ec2Action = (ctx) => {
  const all = readNetwork(ctx, (s) => Object.values(s.addresses ?? {}));
  const ips = strList(ctx.params, 'PublicIp');
  const unknownIp = ips.find((ip) => !all.some((a) => a.publicIp === ip));
  if (unknownIp !== undefined) throw new Ec2Error('InvalidAddress.NotFound', `Address '${unknownIp}' not found.`);
  const page = describeItems<AddressRecord>(ctx, ips.length ? all.filter((a) => ips.includes(a.publicIp)) : all, {
    idParam: 'AllocationId',
    prefix: 'eipalloc',
    malformed: 'InvalidAllocationID.Malformed',
    idOf: (a) => a.allocationId,
    notFound: allocationNotFound,
    fields: {
      'allocation-id': (a) => a.allocationId,
      'association-id': (a) => a.associationId,
      domain: (a) => a.domain,
      'network-border-group': () => ctx.scope.region,
      'network-interface-id': (a) => a.networkInterfaceId,
      'network-interface-owner-id': (a) => (a.networkInterfaceId ? ctx.scope.accountId : undefined),
      'private-ip-address': (a) => a.privateIpAddress,
      'public-ip': (a) => a.publicIp,
    },
    tags: (a) => a.tags,
  });
  return { addressesSet: set(page.items.map((a) => addressXml(ctx.scope, a))) };
};
