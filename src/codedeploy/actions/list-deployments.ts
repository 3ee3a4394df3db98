import { CodeDeployError, deploymentGroupNameRequired, invalidApplicationName } from '../../domain/codedeploy/errors.js';
import type { DeploymentStatus } from '../../domain/codedeploy/records.js';
import type { CodeDeployAction } from '../context.js';
import { optInt, optObject, optStringList, optString } from '../support/input.js';
import { deploymentGroup } from '../support/lookup.js';
import { page } from '../support/paging.js';

const STATUSES: readonly DeploymentStatus[] = ['Created', 'Queued', 'InProgress', 'Baking', 'Succeeded', 'Failed', 'Stopped', 'Ready'];

/** Newest first. */
export const listDeployments: CodeDeployAction = (ctx, b) => {
  const appName = optString(b, 'applicationName');
  const groupName = optString(b, 'deploymentGroupName');
  if (appName === '') throw invalidApplicationName(appName);
  if (appName !== undefined && groupName === undefined) throw deploymentGroupNameRequired();
  if (groupName !== undefined && appName === undefined)
    throw new CodeDeployError(
      'ApplicationNameRequiredException',
      'If deploymentGroupName is specified, applicationName must also be specified.',
    );
  const statuses = optStringList(b, 'includeOnlyStatuses');
  for (const s of statuses ?? [])
    if (!(STATUSES as readonly string[]).includes(s))
      throw new CodeDeployError('InvalidDeploymentStatusException', `The deployment status is invalid: ${s}`);
  const range = optObject(b, 'createTimeRange');
  const start = range ? optInt(range, 'start') : undefined;
  const end = range ? optInt(range, 'end') : undefined;
  const deployments = ctx.deps.store.read(ctx.scope, (state) => {
    if (appName !== undefined && groupName !== undefined) deploymentGroup(state, appName, groupName);
    return Object.values(state.codeDeployDeployments)
      .filter((d) => appName === undefined || (d.applicationName === appName && d.deploymentGroupName === groupName))
      .filter((d) => !statuses?.length || statuses.includes(d.status))
      .filter((d) => (start === undefined || d.createTime >= start * 1000) && (end === undefined || d.createTime <= end * 1000))
      .map((d) => ({ key: `${(1e15 - d.createTime).toString().padStart(16, '0')}/${d.deploymentId}`, id: d.deploymentId }));
  });
  deployments.sort((x, y) => (x.key < y.key ? -1 : 1));
  const { items, nextToken } = page(b, deployments, (d) => d.key);
  return { deployments: items.map((d) => d.id), ...(nextToken ? { nextToken } : {}) };
};
