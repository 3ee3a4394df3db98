// IpPermissions as the query protocol sends them (`IpPermissions.N.IpProtocol`, `.FromPort`, `.ToPort`,
// `.IpRanges.M.CidrIp`, `.Ipv6Ranges.M.CidrIpv6`, `.PrefixListIds.M.PrefixListId`, `.Groups.M.GroupId`), plus the
// older top-level form (`IpProtocol`, `FromPort`, `ToPort`, `CidrIp`, `SourceSecurityGroupName`).
import type { PermissionInput } from '../../domain/network/security-groups.js';
import { int, str, structList, type QueryParams } from './query-params.js';

export function permissionsOf(params: QueryParams): PermissionInput[] {
  const permissions: PermissionInput[] = structList(params, 'IpPermissions').map((p) => ({
    ipProtocol: str(p, 'IpProtocol'),
    fromPort: int(p, 'FromPort'),
    toPort: int(p, 'ToPort'),
    ipRanges: structList(p, 'IpRanges').map((r) => ({ cidrIp: str(r, 'CidrIp'), description: str(r, 'Description') })),
    ipv6Ranges: structList(p, 'Ipv6Ranges').map((r) => ({ cidrIpv6: str(r, 'CidrIpv6'), description: str(r, 'Description') })),
    prefixListIds: structList(p, 'PrefixListIds').map((r) => ({
      prefixListId: str(r, 'PrefixListId'),
      description: str(r, 'Description'),
    })),
    groups: structList(p, 'Groups').map((g) => ({
      groupId: str(g, 'GroupId'),
      groupName: str(g, 'GroupName'),
      description: str(g, 'Description'),
    })),
  }));
  const cidrIp = str(params, 'CidrIp');
  const sourceGroup = str(params, 'SourceSecurityGroupName');
  if (cidrIp !== undefined || sourceGroup !== undefined) {
    permissions.push({
      ipProtocol: str(params, 'IpProtocol') ?? '-1',
      fromPort: int(params, 'FromPort'),
      toPort: int(params, 'ToPort'),
      ipRanges: cidrIp !== undefined ? [{ cidrIp }] : [],
      groups: sourceGroup !== undefined ? [{ groupName: sourceGroup }] : [],
    });
  }
  return permissions;
}
