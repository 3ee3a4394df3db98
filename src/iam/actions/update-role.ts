import { getRole, iamValidation } from '../../domain/iam.js';
import type { AwsQueryAction } from '../../protocol/aws-query.js';
import { int, requiredStr, str, updateIam } from '../support/state.js';

export const updateRole: AwsQueryAction = (ctx) => {
  const name = requiredStr(ctx.params, 'RoleName');
  const description = str(ctx.params, 'Description');
  const max = int(ctx.params, 'MaxSessionDuration');
  updateIam(ctx, (s) => {
    if (max !== undefined && (max < 3600 || max > 43200))
      throw iamValidation(`The requested duration ${max} is not valid: it must be between 3600 and 43200 seconds.`);
    const role = getRole(s, name);
    if (description !== undefined) role.description = description;
    if (max !== undefined) role.maxSessionDuration = max;
  });
  return {};
};
