import type { CodeDeployAction } from '../context.js';
import { deployment, deploymentIdOf } from '../support/lookup.js';
import { toWireDeployment } from '../wire/deployment.js';

export const getDeployment: CodeDeployAction = (ctx, b) => {
  const id = deploymentIdOf(b);
  return ctx.deps.store.read(ctx.scope, (state) => ({ deploymentInfo: toWireDeployment(deployment(state, id)) }));
};
