// What CodeDeploy checks against ECS and ELBv2 when an ECS deployment group is created or changed: the service
// exists and uses the CODE_DEPLOY deployment controller, and the target groups and listeners exist.
import {
  deploymentConfigDoesNotExist,
  invalidEcsService,
  invalidLoadBalancerInfo,
  invalidTargetGroupPair,
} from '../../domain/codedeploy/errors.js';
import { findConfig } from '../../domain/codedeploy/deployment-configs.js';
import type { ComputePlatform, EcsServiceRef, TargetGroupPair } from '../../domain/codedeploy/records.js';
import type { CodeDeployContext } from '../context.js';
import { describeEcsService } from './ecs.js';
import { listenerExists, targetGroupArns } from './elbv2.js';

export function checkEcsService(ctx: CodeDeployContext, ref: EcsServiceRef): void {
  const svc = describeEcsService(ctx, ref.clusterName, ref.serviceName);
  if (svc?.status !== 'ACTIVE')
    throw invalidEcsService(`The ECS service ${ref.serviceName} does not exist in the cluster ${ref.clusterName}.`);
  if (svc.deploymentController?.type !== 'CODE_DEPLOY')
    throw invalidEcsService(
      `Deployment group's ECS service must be configured for a CODE_DEPLOY deployment controller: ${ref.serviceName}`,
    );
}

/** The pair's target groups as ARNs, in the pair's order. */
export async function checkTargetGroupPair(ctx: CodeDeployContext, pair: TargetGroupPair): Promise<[string, string]> {
  const arns = await targetGroupArns(ctx, pair.targetGroups);
  for (const [name, arn] of arns) if (!arn) throw invalidTargetGroupPair(`The target group ${name} does not exist.`);
  for (const arn of [...(pair.prodTrafficRoute?.listenerArns ?? []), ...(pair.testTrafficRoute?.listenerArns ?? [])])
    if (!(await listenerExists(ctx, arn))) throw invalidLoadBalancerInfo(`The listener ${arn} does not exist.`);
  return [arns.get(pair.targetGroups[0]!)!, arns.get(pair.targetGroups[1]!)!];
}

export function checkConfigName(ctx: CodeDeployContext, name: string, platform: ComputePlatform): void {
  const config = ctx.deps.store.read(ctx.scope, (state) => findConfig(name, state.codeDeployDeploymentConfigs));
  if (!config || config.computePlatform !== platform) throw deploymentConfigDoesNotExist(name);
}
