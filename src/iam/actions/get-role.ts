import { getRole as find } from '../../domain/iam.js';
import type { AwsQueryAction } from '../../protocol/aws-query.js';
import { readIam, requiredStr } from '../support/state.js';
import { roleXml } from '../wire/iam.js';

export const getRole: AwsQueryAction = (ctx) => {
  const name = requiredStr(ctx.params, 'RoleName');
  const role = readIam(ctx, (s) => find(s, name));
  return { Role: roleXml(ctx.scope, role) };
};
