// IAM roles and policies as IAM keeps them: stored and answered, never enforced. Roles have a trust policy, inline
// policies and attached managed policies; customer managed policies have versions (one default). AWS managed
// policies (`arn:aws:iam::aws:policy/…`) exist in every account and can be attached, not changed.
import type { Tag } from './tags.js';
import { ServiceError } from './service-error.js';

export interface RoleRecord {
  roleName: string;
  roleId: string;
  path: string;
  /** The trust policy, as given (JSON text). */
  assumeRolePolicyDocument: string;
  description?: string;
  maxSessionDuration: number;
  permissionsBoundary?: string;
  /** Inline policies by name: the document as given. */
  inlinePolicies: Record<string, string>;
  /** Attached managed policies' ARNs, in attachment order. */
  attachedPolicies: string[];
  tags: Tag[];
  createdAt: number;
}

export interface PolicyVersionRecord {
  versionId: string;
  document: string;
  createdAt: number;
}

export interface PolicyRecord {
  policyName: string;
  policyId: string;
  arn: string;
  path: string;
  description?: string;
  defaultVersionId: string;
  versions: PolicyVersionRecord[];
  /** The next version number (versions are never renumbered). */
  nextVersion: number;
  tags: Tag[];
  createdAt: number;
  updatedAt: number;
}

export interface IamState {
  /** By role name (unique per account, case-insensitively on AWS; here exactly). */
  iamRoles: Record<string, RoleRecord>;
  /** Customer managed policies by ARN. */
  iamPolicies: Record<string, PolicyRecord>;
}

export class IamError extends ServiceError {}

export const noSuchRole = (name: string) => new IamError('NoSuchEntity', `The role with name ${name} cannot be found.`, 404);
export const noSuchRolePolicy = (name: string) => new IamError('NoSuchEntity', `The role policy with name ${name} cannot be found.`, 404);
export const noSuchPolicy = (arn: string) => new IamError('NoSuchEntity', `Policy ${arn} does not exist or is not attachable.`, 404);
export const noSuchPolicyVersion = (arn: string, v: string) =>
  new IamError('NoSuchEntity', `Policy ${arn} version ${v} does not exist or is not attachable.`, 404);
export const entityExists = (message: string) => new IamError('EntityAlreadyExists', message, 409);
export const deleteConflict = (message: string) => new IamError('DeleteConflict', message, 409);
export const malformedPolicy = (message: string) => new IamError('MalformedPolicyDocument', message);
export const iamValidation = (message: string) => new IamError('ValidationError', message);
export const limitExceeded = (message: string) => new IamError('LimitExceeded', message, 409);

export const MAX_POLICY_VERSIONS = 5;
export const AWS_MANAGED_POLICY_PREFIX = 'arn:aws:iam::aws:policy/';

/** A policy document must be JSON with a Statement (IAM checks much more; not here). */
export function checkPolicyDocument(document: string): void {
  let parsed: unknown;
  try {
    parsed = JSON.parse(document);
  } catch {
    throw malformedPolicy('This policy contains invalid Json');
  }
  if (typeof parsed !== 'object' || parsed === null || !('Statement' in parsed)) throw malformedPolicy('Syntax errors in policy.');
}

const NAME_RE = /^[\w+=,.@-]{1,64}$/;
export function checkName(kind: 'roleName' | 'policyName', name: string, max = kind === 'roleName' ? 64 : 128): void {
  if (name.length > max || !NAME_RE.test(name.slice(0, 64)) || name.length === 0)
    throw iamValidation(
      `1 validation error detected: Value '${name}' at '${kind}' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\w+=,.@-]+`,
    );
}

export function checkPath(path: string): void {
  if (!/^\/([\x21-\x7e]*\/)?$/.test(path))
    throw iamValidation(
      `The specified value for path is invalid. It must begin and end with / and contain only alphanumeric characters and/or / characters.`,
    );
}

export const roleArn = (accountId: string, r: Pick<RoleRecord, 'path' | 'roleName'>) =>
  `arn:aws:iam::${accountId}:role${r.path}${r.roleName}`;
export const policyArn = (accountId: string, path: string, name: string) => `arn:aws:iam::${accountId}:policy${path}${name}`;

/** IAM's unique ids: a prefix (AROA roles, ANPA policies) and 17 upper-case letters and digits. */
export const iamUniqueId = (prefix: string, hex: string) => `${prefix}${hex.slice(0, 17).toUpperCase()}`;

export function getRole(s: IamState, name: string): RoleRecord {
  const role = s.iamRoles[name];
  if (!role) throw noSuchRole(name);
  return role;
}

export function getPolicy(s: IamState, arn: string): PolicyRecord {
  const policy = s.iamPolicies[arn];
  if (!policy) throw noSuchPolicy(arn);
  return policy;
}

/** Whether a managed policy exists: one of the account's, or any AWS managed policy ARN. */
export const policyExists = (s: IamState, arn: string) => arn.startsWith(AWS_MANAGED_POLICY_PREFIX) || Boolean(s.iamPolicies[arn]);

/** How many roles have this policy attached. */
export const attachmentCount = (s: IamState, arn: string) =>
  Object.values(s.iamRoles).filter((r) => r.attachedPolicies.includes(arn)).length;

/** Tags as the caller gives them: unique keys, at most 50. */
export function mergeTags(existing: Tag[], added: readonly Tag[]): Tag[] {
  const out = existing.map((t) => ({ ...t }));
  for (const t of added) {
    const found = out.find((x) => x.key === t.key);
    if (found) found.value = t.value;
    else out.push({ ...t });
  }
  if (out.length > 50) throw limitExceeded('The number of tags has reached the maximum limit.');
  return out;
}
