import { Ec2Error, missingParameter } from '../../domain/network/ec2-errors.js';
import { addressesOf, associationNotFound } from '../../domain/network/routing.js';
import type { Ec2Action } from '../context.js';
import { str } from '../support/query-params.js';
import { updateNetwork } from '../support/region.js';

/** Addresses here are only ever associated with NAT gateways, which keep theirs until they are deleted. */
export const disassociateAddress: Ec2Action = (ctx) => {
  const associationId = str(ctx.params, 'AssociationId');
  const publicIp = str(ctx.params, 'PublicIp');
  if (associationId === undefined && publicIp === undefined) throw missingParameter('AssociationId');
  updateNetwork(ctx, (s) => {
    const address = Object.values(addressesOf(s)).find((a) =>
      associationId !== undefined ? a.associationId === associationId : a.publicIp === publicIp && a.associationId !== undefined,
    );
    if (!address) throw associationNotFound(associationId ?? publicIp ?? '');
    throw new Ec2Error(
      'OperationNotPermitted',
      `The Elastic IP address ${address.publicIp} is in use by a NAT gateway and cannot be disassociated.`,
    );
  });
  return { return: true };
};
