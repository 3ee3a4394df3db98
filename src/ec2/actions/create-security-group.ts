import { createSecurityGroup as create } from '../../domain/network/security-groups.js';
import { Ec2Error } from '../../domain/network/ec2-errors.js';
import { getVpc } from '../../domain/network/vpc-operations.js';
import type { Ec2Action } from '../context.js';
import { str } from '../support/query-params.js';
import { checkIdFormat, newEc2Id, updateNetwork } from '../support/region.js';
import { tagsFromSpecifications } from '../support/tag-specifications.js';
import { ec2Arn } from '../../domain/arn.js';
import { tagSet } from '../wire/common.js';

/** In the given VPC, or in the default VPC when none is given. */
export const createSecurityGroup: Ec2Action = (ctx) => {
  const vpcId = str(ctx.params, 'VpcId');
  if (vpcId !== undefined) checkIdFormat([vpcId], 'vpc', 'InvalidVpcID.Malformed');
  const tags = tagsFromSpecifications(ctx.params, 'security-group');
  const group = updateNetwork(ctx, (s) => {
    const vpc = vpcId !== undefined ? getVpc(s, vpcId) : Object.values(s.vpcs).find((v) => v.isDefault);
    if (!vpc) throw new Ec2Error('VPCIdNotSpecified', 'No default VPC for this user');
    return create(
      s,
      {
        groupId: newEc2Id(ctx, 'sg'),
        groupName: str(ctx.params, 'GroupName'),
        description: str(ctx.params, 'GroupDescription'),
        vpcId: vpc.vpcId,
        tags,
      },
      ctx.deps.clock.now(),
    );
  });
  return {
    return: true,
    groupId: group.groupId,
    tagSet: group.tags.length ? tagSet(group.tags) : undefined,
    securityGroupArn: ec2Arn(ctx.scope, 'security-group', group.groupId),
  };
};
