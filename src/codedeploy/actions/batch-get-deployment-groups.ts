import { batchLimitExceeded, deploymentGroupNameRequired } from '../../domain/codedeploy/errors.js';
import { groupKey } from '../../domain/codedeploy/records.js';
import type { CodeDeployAction } from '../context.js';
import { optStringList } from '../support/input.js';
import { application, applicationNameOf } from '../support/lookup.js';
import { toWireDeploymentGroup } from '../wire/deployment-group.js';

export const batchGetDeploymentGroups: CodeDeployAction = (ctx, b) => {
  const appName = applicationNameOf(b);
  const names = optStringList(b, 'deploymentGroupNames');
  if (!names) throw deploymentGroupNameRequired();
  if (names.length > 100) throw batchLimitExceeded();
  return ctx.deps.store.read(ctx.scope, (state) => {
    application(state, appName);
    const found = names.map((n) => state.codeDeployDeploymentGroups[groupKey(appName, n)]);
    const missing = names.filter((_, i) => !found[i]);
    return {
      deploymentGroupsInfo: found.flatMap((g) => (g ? [toWireDeploymentGroup(g, state.codeDeployDeployments)] : [])),
      ...(missing.length ? { errorMessage: `Deployment groups not found: ${missing.join(', ')}` } : {}),
    };
  });
};
