import { Ec2Error, missingParameter } from '../../domain/network/ec2-errors.js';
import { addressesOf, allocationNotFound, getAddress } from '../../domain/network/routing.js';
import type { Ec2Action } from '../context.js';
import { str } from '../support/query-params.js';
import { checkIdFormat, updateNetwork } from '../support/region.js';

export const releaseAddress: Ec2Action = (ctx) => {
  const allocationId = str(ctx.params, 'AllocationId');
  const publicIp = str(ctx.params, 'PublicIp');
  if (allocationId === undefined && publicIp === undefined) throw missingParameter('AllocationId');
  if (allocationId !== undefined) checkIdFormat([allocationId], 'eipalloc', 'InvalidAllocationID.Malformed');
  updateNetwork(ctx, (s) => {
    const address =
      allocationId !== undefined ? getAddress(s, allocationId) : Object.values(addressesOf(s)).find((a) => a.publicIp === publicIp);
    if (!address) throw allocationNotFound(publicIp ?? '');
    if (address.associationId !== undefined) throw new Ec2Error('InvalidIPAddress.InUse', `Address ${address.publicIp} is in use.`);
    delete s.addresses![address.allocationId];
  });
  return { return: true };
};
