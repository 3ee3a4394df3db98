import { applicationAlreadyExists, invalidApplicationName } from '../../domain/codedeploy/errors.js';
import { groupKey } from '../../domain/codedeploy/records.js';
import type { CodeDeployAction } from '../context.js';
import { optName } from '../support/input.js';
import { application } from '../support/lookup.js';

export const updateApplication: CodeDeployAction = (ctx, b) => {
  const current = optName(b, 'applicationName', invalidApplicationName);
  const renamed = optName(b, 'newApplicationName', invalidApplicationName);
  if (current === undefined || renamed === undefined || renamed === current) {
    if (current !== undefined) ctx.deps.store.read(ctx.scope, (state) => application(state, current));
    return {};
  }
  ctx.deps.store.update(ctx.scope, (state) => {
    const app = application(state, current);
    if (state.codeDeployApplications[renamed]) throw applicationAlreadyExists(renamed);
    delete state.codeDeployApplications[current];
    state.codeDeployApplications[renamed] = { ...app, applicationName: renamed };
    for (const [key, g] of Object.entries(state.codeDeployDeploymentGroups)) {
      if (g.applicationName !== current) continue;
      delete state.codeDeployDeploymentGroups[key];
      state.codeDeployDeploymentGroups[groupKey(renamed, g.deploymentGroupName)] = { ...g, applicationName: renamed };
    }
  });
  return {};
};
