// Finding CodeDeploy records in the region's state, with CodeDeploy's errors when they are missing.
import {
  applicationDoesNotExist,
  applicationNameRequired,
  deploymentDoesNotExist,
  deploymentGroupDoesNotExist,
  deploymentGroupNameRequired,
  deploymentIdRequired,
  invalidApplicationName,
  invalidDeploymentGroupName,
  invalidDeploymentId,
} from '../../domain/codedeploy/errors.js';
import { type ApplicationRecord, type DeploymentGroupRecord, type DeploymentRecord, groupKey } from '../../domain/codedeploy/records.js';
import type { RegionState } from '../../store/schema.js';
import { type Body, name, optString } from './input.js';

export const applicationNameOf = (b: Body) => name(b, 'applicationName', applicationNameRequired, invalidApplicationName);
export const groupNameOf = (b: Body) => name(b, 'deploymentGroupName', deploymentGroupNameRequired, invalidDeploymentGroupName);

export function application(state: Readonly<RegionState>, appName: string): ApplicationRecord {
  const app = state.codeDeployApplications[appName];
  if (!app) throw applicationDoesNotExist(appName);
  return app;
}

export function deploymentGroup(state: Readonly<RegionState>, appName: string, group: string): DeploymentGroupRecord {
  application(state, appName);
  const g = state.codeDeployDeploymentGroups[groupKey(appName, group)];
  if (!g) throw deploymentGroupDoesNotExist(group);
  return g;
}

/** `d-` and nine upper-case letters or digits. */
export const DEPLOYMENT_ID = /^d-[A-Z0-9]{9}$/;

export function deploymentIdOf(b: Body, member = 'deploymentId'): string {
  const id = optString(b, member);
  if (id === undefined || id === '') throw deploymentIdRequired();
  if (!DEPLOYMENT_ID.test(id)) throw invalidDeploymentId(id);
  return id;
}

export function deployment(state: Readonly<RegionState>, id: string): DeploymentRecord {
  const d = state.codeDeployDeployments[id];
  if (!d) throw deploymentDoesNotExist(id);
  return d;
}
