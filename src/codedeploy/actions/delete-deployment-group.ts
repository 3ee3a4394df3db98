import { groupKey } from '../../domain/codedeploy/records.js';
import type { CodeDeployAction } from '../context.js';
import { application, applicationNameOf, groupNameOf } from '../support/lookup.js';

/** An unknown group is not an error (as on AWS); an unknown application is. */
export const deleteDeploymentGroup: CodeDeployAction = (ctx, b) => {
  const appName = applicationNameOf(b);
  const groupName = groupNameOf(b);
  ctx.deps.store.update(ctx.scope, (state) => {
    application(state, appName);
    delete state.codeDeployDeploymentGroups[groupKey(appName, groupName)];
  });
  return { hooksNotCleanedUp: [] };
};
