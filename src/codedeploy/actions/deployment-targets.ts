// ListDeploymentTargets, GetDeploymentTarget and BatchGetDeploymentTargets: an ECS deployment has one target,
// `<cluster>:<service>`, with the lifecycle events and the blue and green task sets.
import { serviceArn } from '../../domain/arn.js';
import { batchLimitExceeded, deploymentTargetDoesNotExist, deploymentTargetIdRequired } from '../../domain/codedeploy/errors.js';
import type { DeploymentRecord } from '../../domain/codedeploy/records.js';
import type { CodeDeployAction, CodeDeployContext } from '../context.js';
import { optString, optStringList } from '../support/input.js';
import { deployment, deploymentIdOf } from '../support/lookup.js';
import { targetIdOf, toWireEcsTarget } from '../wire/deployment.js';

const read = (ctx: CodeDeployContext, id: string) => ctx.deps.store.read(ctx.scope, (state) => deployment(state, id));
const wire = (ctx: CodeDeployContext, d: DeploymentRecord) =>
  toWireEcsTarget(d, serviceArn(ctx.scope, d.target.clusterName, d.target.serviceName), ctx.deps.clock.now());

export const listDeploymentTargets: CodeDeployAction = (ctx, b) => {
  const d = read(ctx, deploymentIdOf(b));
  return { targetIds: [targetIdOf(d)] };
};

export const getDeploymentTarget: CodeDeployAction = (ctx, b) => {
  const d = read(ctx, deploymentIdOf(b));
  const targetId = optString(b, 'targetId');
  if (!targetId) throw deploymentTargetIdRequired();
  if (targetId !== targetIdOf(d)) throw deploymentTargetDoesNotExist(targetId);
  return { deploymentTarget: wire(ctx, d) };
};

export const batchGetDeploymentTargets: CodeDeployAction = (ctx, b) => {
  const d = read(ctx, deploymentIdOf(b));
  const ids = optStringList(b, 'targetIds');
  if (!ids?.length) throw deploymentTargetIdRequired();
  if (ids.length > 25) throw batchLimitExceeded();
  for (const id of ids) if (id !== targetIdOf(d)) throw deploymentTargetDoesNotExist(id);
  return { deploymentTargets: ids.map(() => wire(ctx, d)) };
};
