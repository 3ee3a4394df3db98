import {
  deploymentGroupAlreadyExists,
  invalidDeploymentConfigName,
  invalidDeploymentGroupName,
  invalidRole,
} from '../../domain/codedeploy/errors.js';
import { groupKey } from '../../domain/codedeploy/records.js';
import type { CodeDeployAction } from '../context.js';
import { checkConfigName, checkEcsService, checkTargetGroupPair } from '../support/group-checks.js';
import { autoRollbackOf, blueGreenOf, deploymentStyleOf, ecsServicesOf, extraOf, targetGroupPairsOf } from '../support/group-input.js';
import { optName, optString } from '../support/input.js';
import { application, applicationNameOf, deploymentGroup } from '../support/lookup.js';
import { deploymentGroupNameRequired } from '../../domain/codedeploy/errors.js';
import { name } from '../support/input.js';

export const updateDeploymentGroup: CodeDeployAction = async (ctx, b) => {
  const appName = applicationNameOf(b);
  const current = name(b, 'currentDeploymentGroupName', deploymentGroupNameRequired, invalidDeploymentGroupName);
  const renamed = optName(b, 'newDeploymentGroupName', invalidDeploymentGroupName);
  const { deps, scope } = ctx;
  const { app, group } = deps.store.read(scope, (state) => ({
    app: application(state, appName),
    group: deploymentGroup(state, appName, current),
  }));
  const role = optString(b, 'serviceRoleArn');
  if (role !== undefined && !/^arn:[a-z-]+:iam::\d{12}:role\/.+/.test(role)) throw invalidRole(role);
  const configName = optName(b, 'deploymentConfigName', invalidDeploymentConfigName);
  if (configName) checkConfigName(ctx, configName, app.computePlatform);
  deploymentStyleOf(b);
  const ecsServices = ecsServicesOf(b);
  const pairs = targetGroupPairsOf(b);
  const blueGreen = blueGreenOf(b, group.blueGreen);
  const autoRollback = autoRollbackOf(b);
  if (app.computePlatform === 'ECS') {
    if (ecsServices) checkEcsService(ctx, ecsServices[0]!);
    if (pairs) await checkTargetGroupPair(ctx, pairs[0]!);
  }
  deps.store.update(scope, (state) => {
    const g = deploymentGroup(state, appName, current);
    if (renamed && renamed !== current) {
      if (state.codeDeployDeploymentGroups[groupKey(appName, renamed)]) throw deploymentGroupAlreadyExists(renamed);
      delete state.codeDeployDeploymentGroups[groupKey(appName, current)];
      g.deploymentGroupName = renamed;
      state.codeDeployDeploymentGroups[groupKey(appName, renamed)] = g;
    }
    if (role) g.serviceRoleArn = role;
    if (configName) g.deploymentConfigName = configName;
    if (ecsServices) g.ecsServices = ecsServices;
    if (pairs) g.targetGroupPairs = pairs;
    if (blueGreen) g.blueGreen = blueGreen;
    if (autoRollback) g.autoRollback = autoRollback;
    g.extra = extraOf(b, g.extra);
  });
  return { hooksNotCleanedUp: [] };
};
