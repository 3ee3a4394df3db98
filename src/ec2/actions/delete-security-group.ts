import { deleteSecurityGroup as remove, resolveGroup } from '../../domain/network/security-groups.js';
import type { Ec2Action } from '../context.js';
import { str } from '../support/query-params.js';
import { checkIdFormat, updateNetwork } from '../support/region.js';

/** Refused for a VPC's default group, and while an ENI uses the group or another group's rule names it. */
export const deleteSecurityGroup: Ec2Action = (ctx) => {
  const groupId = str(ctx.params, 'GroupId');
  if (groupId !== undefined) checkIdFormat([groupId], 'sg', 'InvalidGroupId.Malformed');
  const deleted = updateNetwork(ctx, (s) => {
    const defaultVpcId = Object.values(s.vpcs).find((v) => v.isDefault)?.vpcId;
    const group = resolveGroup(s, { groupId, groupName: str(ctx.params, 'GroupName') }, defaultVpcId);
    remove(s, group);
    return group.groupId;
  });
  return { return: true, groupId: deleted };
};
