import { createVpc as create } from '../../domain/network/vpc-operations.js';
import { invalidParameterValue } from '../../domain/network/ec2-errors.js';
import type { Ec2Action } from '../context.js';
import { requiredStr, str } from '../support/query-params.js';
import { newEc2Id, updateNetwork } from '../support/region.js';
import { tagsFromSpecifications } from '../support/tag-specifications.js';
import { vpcXml } from '../wire/vpc.js';

export const createVpc: Ec2Action = (ctx) => {
  const cidrBlock = requiredStr(ctx.params, 'CidrBlock');
  const tenancy = str(ctx.params, 'InstanceTenancy') ?? 'default';
  if (tenancy !== 'default' && tenancy !== 'dedicated')
    throw invalidParameterValue(`Value (${tenancy}) for parameter instanceTenancy is invalid.`);
  const tags = tagsFromSpecifications(ctx.params, 'vpc');
  const vpc = updateNetwork(ctx, (s) =>
    create(
      s,
      ctx.scope,
      { vpcId: newEc2Id(ctx, 'vpc'), defaultGroupId: newEc2Id(ctx, 'sg'), cidrBlock, instanceTenancy: tenancy, tags },
      ctx.deps.clock.now(),
    ),
  );
  return { vpc: vpcXml(ctx.scope, vpc) };
};
