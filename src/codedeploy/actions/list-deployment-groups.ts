import type { CodeDeployAction } from '../context.js';
import { application, applicationNameOf } from '../support/lookup.js';
import { page } from '../support/paging.js';

export const listDeploymentGroups: CodeDeployAction = (ctx, b) => {
  const appName = applicationNameOf(b);
  const names = ctx.deps.store
    .read(ctx.scope, (state) => {
      application(state, appName);
      return Object.values(state.codeDeployDeploymentGroups)
        .filter((g) => g.applicationName === appName)
        .map((g) => g.deploymentGroupName);
    })
    .sort();
  const { items, nextToken } = page(b, names, (n) => n);
  return { applicationName: appName, deploymentGroups: items, ...(nextToken ? { nextToken } : {}) };
};
