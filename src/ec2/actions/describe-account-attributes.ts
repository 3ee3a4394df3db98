import type { Ec2Action } from '../context.js';
import { strList } from '../support/query-params.js';
import { readNetwork } from '../support/region.js';
import { set } from '../support/xml.js';
import { invalidParameterValue } from '../../domain/network/ec2-errors.js';

/** EC2's account attributes with the values of a new account (VPC only; its default VPC, if it still has one). */
export const describeAccountAttributes: Ec2Action = (ctx) => {
  const defaultVpc = readNetwork(ctx, (s) => Object.values(s.vpcs).find((v) => v.isDefault)?.vpcId ?? 'none');
  const attributes: Record<string, string[]> = {
    'supported-platforms': ['VPC'],
    'default-vpc': [defaultVpc],
    'max-instances': ['20'],
    'vpc-max-security-groups-per-interface': ['5'],
    'max-elastic-ips': ['5'],
    'vpc-max-elastic-ips': ['5'],
  };
  const names = strList(ctx.params, 'AttributeName');
  const unknown = names.find((n) => !Object.hasOwn(attributes, n));
  if (unknown !== undefined) throw invalidParameterValue(`Value (${unknown}) for parameter attributeName is invalid.`);
  const chosen = names.length ? names : Object.keys(attributes);
  return {
    accountAttributeSet: set(
      chosen.map((name) => ({
        attributeName: name,
        attributeValueSet: set(attributes[name]!.map((attributeValue) => ({ attributeValue }))),
      })),
    ),
  };
};
