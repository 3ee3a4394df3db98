import { invalidParameterValue, missingParameter } from '../../domain/network/ec2-errors.js';
import { getVpc } from '../../domain/network/vpc-operations.js';
import type { VpcRecord } from '../../domain/network/vpc.js';
import type { Ec2Action } from '../context.js';
import { requiredStr, str } from '../support/query-params.js';
import { checkIdFormat, readNetwork } from '../support/region.js';

/** The attributes EC2 answers, with what each reads (DNS names do not exist here; the values are kept as set). */
export const VPC_ATTRIBUTES: Readonly<Record<string, (v: VpcRecord) => boolean>> = {
  enableDnsSupport: (v) => v.enableDnsSupport ?? true,
  enableDnsHostnames: (v) => v.enableDnsHostnames ?? v.isDefault,
  enableNetworkAddressUsageMetrics: () => false,
};

export const describeVpcAttribute: Ec2Action = (ctx) => {
  const vpcId = requiredStr(ctx.params, 'VpcId');
  const attribute = str(ctx.params, 'Attribute');
  if (attribute === undefined) throw missingParameter('Attribute');
  const read = Object.hasOwn(VPC_ATTRIBUTES, attribute) ? VPC_ATTRIBUTES[attribute] : undefined;
  if (!read) throw invalidParameterValue(`Value (${attribute}) for parameter attribute is invalid. Unknown attribute.`);
  checkIdFormat([vpcId], 'vpc', 'InvalidVpcID.Malformed');
  const value = readNetwork(ctx, (s) => read(getVpc(s, vpcId)));
  return { vpcId, [attribute]: { value } };
};
