import { deleteVpc as remove } from '../../domain/network/vpc-operations.js';
import type { Ec2Action } from '../context.js';
import { requiredStr } from '../support/query-params.js';
import { checkIdFormat, updateNetwork } from '../support/region.js';

export const deleteVpc: Ec2Action = (ctx) => {
  const vpcId = requiredStr(ctx.params, 'VpcId');
  checkIdFormat([vpcId], 'vpc', 'InvalidVpcID.Malformed');
  updateNetwork(ctx, (s) => remove(s, vpcId));
  // Its Docker network (if a task ever ran in it) is not needed any more.
  ctx.deps.tasks.networkChanged(ctx.scope, vpcId);
  return { return: true };
};
