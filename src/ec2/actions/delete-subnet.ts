import { deleteSubnet as remove } from '../../domain/network/vpc-operations.js';
import type { Ec2Action } from '../context.js';
import { requiredStr } from '../support/query-params.js';
import { checkIdFormat, updateNetwork } from '../support/region.js';

/** Refused with DependencyViolation while a task's ENI is in the subnet (until the task is deprovisioned). */
export const deleteSubnet: Ec2Action = (ctx) => {
  const subnetId = requiredStr(ctx.params, 'SubnetId');
  checkIdFormat([subnetId], 'subnet', 'InvalidSubnetID.Malformed');
  const subnet = updateNetwork(ctx, (s) => remove(s, subnetId));
  ctx.deps.tasks.networkChanged(ctx.scope, subnet.vpcId);
  return { return: true };
};
