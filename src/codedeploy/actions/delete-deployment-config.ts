import { isPredefinedName } from '../../domain/codedeploy/deployment-configs.js';
import {
  deploymentConfigInUse,
  deploymentConfigNameRequired,
  invalidDeploymentConfigName,
  invalidOperation,
} from '../../domain/codedeploy/errors.js';
import type { CodeDeployAction } from '../context.js';
import { name } from '../support/input.js';

export const deleteDeploymentConfig: CodeDeployAction = (ctx, b) => {
  const configName = name(b, 'deploymentConfigName', deploymentConfigNameRequired, invalidDeploymentConfigName);
  if (isPredefinedName(configName)) throw invalidOperation('A predefined deployment configuration cannot be deleted.');
  ctx.deps.store.update(ctx.scope, (state) => {
    if (Object.values(state.codeDeployDeploymentGroups).some((g) => g.deploymentConfigName === configName))
      throw deploymentConfigInUse(configName);
    delete state.codeDeployDeploymentConfigs[configName];
  });
  return {};
};
