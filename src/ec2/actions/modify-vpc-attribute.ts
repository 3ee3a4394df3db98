import { invalidParameterCombination, invalidParameterValue } from '../../domain/network/ec2-errors.js';
import { getVpc } from '../../domain/network/vpc-operations.js';
import type { Ec2Action } from '../context.js';
import { bool, requiredStr, struct } from '../support/query-params.js';
import { checkIdFormat, updateNetwork } from '../support/region.js';

const NAMES = ['EnableDnsSupport', 'EnableDnsHostnames', 'EnableNetworkAddressUsageMetrics'] as const;

/** One attribute per call, as EC2 requires. DNS hostnames need DNS support, as on AWS. */
export const modifyVpcAttribute: Ec2Action = (ctx) => {
  const vpcId = requiredStr(ctx.params, 'VpcId');
  checkIdFormat([vpcId], 'vpc', 'InvalidVpcID.Malformed');
  const given = NAMES.flatMap((name) => {
    const value = struct(ctx.params, name);
    const v = value ? bool(value, 'Value') : undefined;
    return v === undefined ? [] : [{ name, value: v }];
  });
  if (given.length !== 1)
    throw invalidParameterCombination(`Fields for multiple attribute types specified: ${given.map((g) => g.name).join(', ')}`);
  const [{ name, value }] = given as [{ name: (typeof NAMES)[number]; value: boolean }];
  updateNetwork(ctx, (s) => {
    const vpc = getVpc(s, vpcId);
    if (name === 'EnableDnsSupport') {
      if (!value && (vpc.enableDnsHostnames ?? vpc.isDefault))
        throw invalidParameterValue('Value (false) for parameter enableDnsSupport is invalid. enableDnsHostnames must be disabled first.');
      vpc.enableDnsSupport = value;
    } else if (name === 'EnableDnsHostnames') {
      if (value && vpc.enableDnsSupport === false)
        throw invalidParameterCombination('Cannot enable DNS hostnames: the VPC does not support DNS resolution.');
      vpc.enableDnsHostnames = value;
    } else if (value) {
      throw invalidParameterValue('Network Address Usage metrics are not available in this emulator.');
    }
  });
  return { return: true };
};
