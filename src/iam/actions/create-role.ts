import {
  checkName,
  checkPath,
  checkPolicyDocument,
  entityExists,
  iamUniqueId,
  iamValidation,
  mergeTags,
  type RoleRecord,
} from '../../domain/iam.js';
import type { AwsQueryAction } from '../../protocol/aws-query.js';
import { checked, int, newHex, requiredStr, str, tagsParam, updateIam } from '../support/state.js';
import { roleXml } from '../wire/iam.js';

export const createRole: AwsQueryAction = (ctx) => {
  const roleName = requiredStr(ctx.params, 'RoleName');
  const trust = requiredStr(ctx.params, 'AssumeRolePolicyDocument');
  const path = str(ctx.params, 'Path') ?? '/';
  const maxSessionDuration = int(ctx.params, 'MaxSessionDuration') ?? 3600;
  checked(() => {
    checkName('roleName', roleName);
    checkPath(path);
    checkPolicyDocument(trust);
    if (maxSessionDuration < 3600 || maxSessionDuration > 43200)
      throw iamValidation(
        `1 validation error detected: Value '${maxSessionDuration}' at 'maxSessionDuration' failed to satisfy constraint: Member must have value between 3600 and 43200`,
      );
  });
  const role = updateIam(ctx, (s) => {
    if (s.iamRoles[roleName]) throw entityExists(`Role with name ${roleName} already exists.`);
    const r: RoleRecord = {
      roleName,
      roleId: iamUniqueId('AROA', newHex(ctx)),
      path,
      assumeRolePolicyDocument: trust,
      description: str(ctx.params, 'Description'),
      maxSessionDuration,
      permissionsBoundary: str(ctx.params, 'PermissionsBoundary'),
      inlinePolicies: {},
      attachedPolicies: [],
      tags: mergeTags([], tagsParam(ctx.params)),
      createdAt: ctx.deps.clock.now(),
    };
    s.iamRoles[roleName] = r;
    return r;
  });
  return { Role: roleXml(ctx.scope, role) };
};
