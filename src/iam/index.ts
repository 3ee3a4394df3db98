// Every IAM action this emulator answers, by name. One module per action.
import { attachRolePolicy } from './actions/attach-role-policy.js';
import { createPolicy } from './actions/create-policy.js';
import { createPolicyVersion } from './actions/create-policy-version.js';
import { createRole } from './actions/create-role.js';
import { deletePolicy } from './actions/delete-policy.js';
import { deletePolicyVersion } from './actions/delete-policy-version.js';
import { deleteRole } from './actions/delete-role.js';
import { deleteRolePolicy } from './actions/delete-role-policy.js';
import { detachRolePolicy } from './actions/detach-role-policy.js';
import { getPolicy } from './actions/get-policy.js';
import { getPolicyVersion } from './actions/get-policy-version.js';
import { getRole } from './actions/get-role.js';
import { getRolePolicy } from './actions/get-role-policy.js';
import { listAttachedRolePolicies } from './actions/list-attached-role-policies.js';
import { listInstanceProfilesForRole } from './actions/list-instance-profiles-for-role.js';
import { listPolicyTags } from './actions/list-policy-tags.js';
import { listPolicyVersions } from './actions/list-policy-versions.js';
import { listRolePolicies } from './actions/list-role-policies.js';
import { listRoleTags } from './actions/list-role-tags.js';
import { listRoles } from './actions/list-roles.js';
import { putRolePolicy } from './actions/put-role-policy.js';
import { tagPolicy } from './actions/tag-policy.js';
import { tagRole } from './actions/tag-role.js';
import { untagPolicy } from './actions/untag-policy.js';
import { untagRole } from './actions/untag-role.js';
import { updateAssumeRolePolicy } from './actions/update-assume-role-policy.js';
import { updateRole } from './actions/update-role.js';
import type { AwsQueryAction } from '../protocol/aws-query.js';

export const IAM_ACTIONS: Readonly<Record<string, AwsQueryAction>> = {
  AttachRolePolicy: attachRolePolicy,
  CreatePolicy: createPolicy,
  CreatePolicyVersion: createPolicyVersion,
  CreateRole: createRole,
  DeletePolicy: deletePolicy,
  DeletePolicyVersion: deletePolicyVersion,
  DeleteRole: deleteRole,
  DeleteRolePolicy: deleteRolePolicy,
  DetachRolePolicy: detachRolePolicy,
  GetPolicy: getPolicy,
  GetPolicyVersion: getPolicyVersion,
  GetRole: getRole,
  GetRolePolicy: getRolePolicy,
  ListAttachedRolePolicies: listAttachedRolePolicies,
  ListInstanceProfilesForRole: listInstanceProfilesForRole,
  ListPolicyTags: listPolicyTags,
  ListPolicyVersions: listPolicyVersions,
  ListRolePolicies: listRolePolicies,
  ListRoles: listRoles,
  ListRoleTags: listRoleTags,
  PutRolePolicy: putRolePolicy,
  TagPolicy: tagPolicy,
  TagRole: tagRole,
  UntagPolicy: untagPolicy,
  UntagRole: untagRole,
  UpdateAssumeRolePolicy: updateAssumeRolePolicy,
  UpdateRole: updateRole,
};
