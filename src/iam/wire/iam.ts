// IAM records → IAM's XML members. Policy documents go out URL-encoded, as IAM sends them.
import { iamRoleArn } from '../../domain/arn.js';
import type { PolicyRecord, RoleRecord } from '../../domain/iam.js';
import type { Scope } from '../../domain/scope.js';
import type { Tag } from '../../domain/tags.js';
import { members } from '../../protocol/aws-query.js';
import { timestamp, type XmlObject } from '../../protocol/xml.js';

export const tagsXml = (tags: readonly Tag[]) => members(tags.map((t) => ({ Key: t.key, Value: t.value })));

export function roleXml(scope: Scope, r: RoleRecord, withTrust = true): XmlObject {
  return {
    Path: r.path,
    RoleName: r.roleName,
    RoleId: r.roleId,
    Arn: iamRoleArn(scope, r.path, r.roleName),
    CreateDate: timestamp(r.createdAt),
    AssumeRolePolicyDocument: withTrust ? encodeURIComponent(r.assumeRolePolicyDocument) : undefined,
    Description: r.description,
    MaxSessionDuration: r.maxSessionDuration,
    PermissionsBoundary: r.permissionsBoundary
      ? { PermissionsBoundaryType: 'Policy', PermissionsBoundaryArn: r.permissionsBoundary }
      : undefined,
    Tags: r.tags.length ? tagsXml(r.tags) : undefined,
    RoleLastUsed: '',
  };
}

export function policyXml(p: PolicyRecord, attachmentCount: number): XmlObject {
  return {
    PolicyName: p.policyName,
    PolicyId: p.policyId,
    Arn: p.arn,
    Path: p.path,
    DefaultVersionId: p.defaultVersionId,
    AttachmentCount: attachmentCount,
    PermissionsBoundaryUsageCount: 0,
    IsAttachable: true,
    Description: p.description,
    CreateDate: timestamp(p.createdAt),
    UpdateDate: timestamp(p.updatedAt),
    Tags: p.tags.length ? tagsXml(p.tags) : undefined,
  };
}

/** An AWS managed policy, as far as it is known here: its name and ARN. */
export function awsManagedPolicyXml(arn: string, attachmentCount: number): XmlObject {
  const name = arn.slice(arn.lastIndexOf('/') + 1);
  const path = arn.slice('arn:aws:iam::aws:policy'.length, arn.length - name.length);
  return {
    PolicyName: name,
    PolicyId: `ANPA${Buffer.from(name).toString('hex').slice(0, 17).toUpperCase()}`,
    Arn: arn,
    Path: path,
    DefaultVersionId: 'v1',
    AttachmentCount: attachmentCount,
    PermissionsBoundaryUsageCount: 0,
    IsAttachable: true,
    CreateDate: timestamp(0),
    UpdateDate: timestamp(0),
  };
}
