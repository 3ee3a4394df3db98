// Checking a task's awsvpcConfiguration against the VPC state, with the errors ECS returns.
import { invalidParameter } from '../errors.js';
import type { NetworkState } from './network-state.js';
import type { SubnetRecord } from './vpc.js';

export interface AwsvpcConfigurationInput {
  subnets?: string[];
  securityGroups?: string[];
  assignPublicIp?: string;
}

export interface ResolvedAwsvpc {
  subnets: SubnetRecord[];
  securityGroups: string[];
  assignPublicIp: boolean;
}

export function resolveAwsvpcConfiguration(state: NetworkState, cfg: AwsvpcConfigurationInput | undefined): ResolvedAwsvpc {
  if (!cfg) throw invalidParameter("Network Configuration must be provided when networkMode 'awsvpc' is specified.");
  const ids = cfg.subnets ?? [];
  if (ids.length === 0) throw invalidParameter('subnets can not be empty.');
  if (ids.length > 16) throw invalidParameter('subnets can have at most 16 items.');
  const missing = ids.filter((id) => !state.subnets[id]);
  if (missing.length > 0) {
    throw invalidParameter(
      `Error retrieving subnet information for [${missing.join(', ')}]: The subnet ID '${missing[0]}' does not exist (ErrorCode: InvalidSubnetID.NotFound)`,
    );
  }
  const subnets = ids.map((id) => state.subnets[id]!);
  const vpcId = subnets[0]!.vpcId;
  if (subnets.some((s) => s.vpcId !== vpcId)) throw invalidParameter('The subnets must all belong to the same VPC.');
  const groups = cfg.securityGroups ?? [];
  if (groups.length > 5) throw invalidParameter('securityGroups can have at most 5 items.');
  const missingGroups = groups.filter((g) => !state.securityGroups[g]);
  if (missingGroups.length > 0) {
    throw invalidParameter(
      `Error retrieving security group information for [${missingGroups.join(', ')}]: The security group '${missingGroups[0]}' does not exist (ErrorCode: InvalidGroup.NotFound)`,
    );
  }
  if (groups.some((g) => state.securityGroups[g]!.vpcId !== vpcId)) {
    throw invalidParameter('Security groups and subnets must belong to the same VPC.');
  }
  const securityGroups =
    groups.length > 0
      ? groups
      : Object.values(state.securityGroups)
          .filter((g) => g.vpcId === vpcId && g.groupName === 'default')
          .map((g) => g.groupId);
  return { subnets, securityGroups, assignPublicIp: cfg.assignPublicIp === 'ENABLED' };
}
