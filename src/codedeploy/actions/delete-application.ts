import type { CodeDeployAction } from '../context.js';
import { applicationNameOf } from '../support/lookup.js';

/** Removes the application and its deployment groups; an unknown name is not an error (as on AWS). */
export const deleteApplication: CodeDeployAction = (ctx, b) => {
  const name = applicationNameOf(b);
  ctx.deps.store.update(ctx.scope, (state) => {
    if (!state.codeDeployApplications[name]) return;
    delete state.codeDeployApplications[name];
    for (const [key, g] of Object.entries(state.codeDeployDeploymentGroups))
      if (g.applicationName === name) delete state.codeDeployDeploymentGroups[key];
  });
  return {};
};
