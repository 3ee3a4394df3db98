import { DEFAULT_ECS_CONFIG } from '../../domain/codedeploy/deployment-configs.js';
import {
  deploymentGroupAlreadyExists,
  invalidDeploymentConfigName,
  invalidEcsService,
  invalidLoadBalancerInfo,
  invalidRole,
  roleRequired,
} from '../../domain/codedeploy/errors.js';
import { groupKey } from '../../domain/codedeploy/records.js';
import type { CodeDeployAction } from '../context.js';
import { checkConfigName, checkEcsService, checkTargetGroupPair } from '../support/group-checks.js';
import {
  autoRollbackOf,
  blueGreenOf,
  DEFAULT_BLUE_GREEN,
  deploymentStyleOf,
  ecsServicesOf,
  extraOf,
  targetGroupPairsOf,
} from '../support/group-input.js';
import { optName, optString } from '../support/input.js';
import { application, applicationNameOf, groupNameOf } from '../support/lookup.js';
import { tagsOf } from '../support/tags.js';

export const createDeploymentGroup: CodeDeployAction = async (ctx, b) => {
  const appName = applicationNameOf(b);
  const groupName = groupNameOf(b);
  const { deps, scope } = ctx;
  const app = deps.store.read(scope, (state) => application(state, appName));
  const role = optString(b, 'serviceRoleArn');
  if (!role) throw roleRequired();
  if (!/^arn:[a-z-]+:iam::\d{12}:role\/.+/.test(role)) throw invalidRole(role);
  const configName =
    optName(b, 'deploymentConfigName', invalidDeploymentConfigName) ??
    (app.computePlatform === 'ECS' ? DEFAULT_ECS_CONFIG : 'CodeDeployDefault.OneAtATime');
  checkConfigName(ctx, configName, app.computePlatform);
  const exists = deps.store.read(scope, (state) => !!state.codeDeployDeploymentGroups[groupKey(appName, groupName)]);
  if (exists) throw deploymentGroupAlreadyExists(groupName);
  const ecsServices = ecsServicesOf(b) ?? [];
  const pairs = targetGroupPairsOf(b) ?? [];
  const blueGreen = blueGreenOf(b) ?? DEFAULT_BLUE_GREEN;
  const autoRollback = autoRollbackOf(b);
  const tags = tagsOf(b) ?? [];
  if (app.computePlatform === 'ECS') {
    deploymentStyleOf(b);
    if (ecsServices.length === 0) throw invalidEcsService('An ECS deployment group must name exactly one ECS service.');
    if (pairs.length === 0) throw invalidLoadBalancerInfo('An ECS deployment group needs loadBalancerInfo with a targetGroupPairInfoList.');
    checkEcsService(ctx, ecsServices[0]!);
    await checkTargetGroupPair(ctx, pairs[0]!);
  }
  return deps.store.update(scope, (state) => {
    const key = groupKey(appName, groupName);
    if (state.codeDeployDeploymentGroups[key]) throw deploymentGroupAlreadyExists(groupName);
    const svc = ecsServices[0];
    if (
      svc &&
      Object.values(state.codeDeployDeploymentGroups).some((g) =>
        g.ecsServices.some((s) => s.clusterName === svc.clusterName && s.serviceName === svc.serviceName),
      )
    )
      throw invalidEcsService(`The ECS service ${svc.serviceName} is already associated with a deployment group.`);
    const deploymentGroupId = deps.ids.uuid();
    state.codeDeployDeploymentGroups[key] = {
      deploymentGroupId,
      deploymentGroupName: groupName,
      applicationName: appName,
      serviceRoleArn: role,
      deploymentConfigName: configName,
      ecsServices,
      targetGroupPairs: pairs,
      blueGreen,
      ...(autoRollback ? { autoRollback } : {}),
      extra: extraOf(b),
      tags,
    };
    return { deploymentGroupId };
  });
};
