import { Ec2Error, invalidParameterValue } from '../../domain/network/ec2-errors.js';
import { allocatePublicIp } from '../../domain/network/public-ip.js';
import { addressesOf } from '../../domain/network/routing.js';
import type { Ec2Action } from '../context.js';
import { str } from '../support/query-params.js';
import { newEc2Id, updateNetwork } from '../support/region.js';
import { tagsFromSpecifications } from '../support/tag-specifications.js';

/** VPC addresses from the emulator's documentation ranges (see public-ip.ts): never routable. */
export const allocateAddress: Ec2Action = (ctx) => {
  const domain = str(ctx.params, 'Domain') ?? 'vpc';
  if (domain !== 'vpc' && domain !== 'standard') throw invalidParameterValue(`Value (${domain}) for parameter domain is invalid.`);
  if (str(ctx.params, 'Address') !== undefined || str(ctx.params, 'PublicIpv4Pool') !== undefined)
    throw invalidParameterValue('Bring-your-own addresses and pools are not supported here.');
  const tags = tagsFromSpecifications(ctx.params, 'elastic-ip');
  const address = updateNetwork(ctx, (s) => {
    const inUse = new Set([
      ...Object.values(addressesOf(s)).map((a) => a.publicIp),
      ...Object.values(s.networkInterfaces).flatMap((e) => (e.publicIp ? [e.publicIp] : [])),
    ]);
    const publicIp = allocatePublicIp(inUse);
    if (!publicIp) throw new Ec2Error('AddressLimitExceeded', 'The maximum number of addresses has been reached.');
    const a = { allocationId: newEc2Id(ctx, 'eipalloc'), publicIp, domain: 'vpc' as const, tags };
    addressesOf(s)[a.allocationId] = a;
    return a;
  });
  return {
    publicIp: address.publicIp,
    allocationId: address.allocationId,
    domain: address.domain,
    publicIpv4Pool: 'amazon',
    networkBorderGroup: ctx.scope.region,
  };
};
