import { invalidParameterValue } from '../../domain/network/ec2-errors.js';
import { getAddress } from '../../domain/network/routing.js';
import type { Ec2Action } from '../context.js';
import { str, strList } from '../support/query-params.js';
import { checkIdFormat, readNetwork } from '../support/region.js';
import { set } from '../support/xml.js';

/** The only attribute is domain-name (reverse DNS): none is ever set here, so each address comes back without one. */
export const describeAddressesAttribute: Ec2Action = (ctx) => {
  const attribute = str(ctx.params, 'Attribute');
  if (attribute !== undefined && attribute !== 'domain-name')
    throw invalidParameterValue(`Value (${attribute}) for parameter attribute is invalid.`);
  const ids = strList(ctx.params, 'AllocationId');
  checkIdFormat(ids, 'eipalloc', 'InvalidAllocationID.Malformed');
  const addresses = readNetwork(ctx, (s) => (ids.length ? ids.map((id) => getAddress(s, id)) : Object.values(s.addresses ?? {})));
  return { addressSet: set(addresses.map((a) => ({ publicIp: a.publicIp, allocationId: a.allocationId }))) };
};
