import type { CodeDeployAction } from '../context.js';
import { applicationNameOf, deploymentGroup, groupNameOf } from '../support/lookup.js';
import { toWireDeploymentGroup } from '../wire/deployment-group.js';

export const getDeploymentGroup: CodeDeployAction = (ctx, b) => {
  const appName = applicationNameOf(b);
  const groupName = groupNameOf(b);
  return ctx.deps.store.read(ctx.scope, (state) => ({
    deploymentGroupInfo: toWireDeploymentGroup(deploymentGroup(state, appName, groupName), state.codeDeployDeployments),
  }));
};
