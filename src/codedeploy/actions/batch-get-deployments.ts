import { batchLimitExceeded, deploymentIdRequired, invalidDeploymentId } from '../../domain/codedeploy/errors.js';
import type { CodeDeployAction } from '../context.js';
import { optStringList } from '../support/input.js';
import { DEPLOYMENT_ID } from '../support/lookup.js';
import { toWireDeployment } from '../wire/deployment.js';

/** Unknown ids are left out of the answer, as on AWS. */
export const batchGetDeployments: CodeDeployAction = (ctx, b) => {
  const ids = optStringList(b, 'deploymentIds');
  if (!ids) throw deploymentIdRequired();
  if (ids.length > 25) throw batchLimitExceeded();
  for (const id of ids) if (!DEPLOYMENT_ID.test(id)) throw invalidDeploymentId(id);
  return ctx.deps.store.read(ctx.scope, (state) => ({
    deploymentsInfo: ids.flatMap((id) => {
      const d = state.codeDeployDeployments[id];
      return d ? [toWireDeployment(d)] : [];
    }),
  }));
};
