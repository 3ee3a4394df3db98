import { findConfig } from '../../domain/codedeploy/deployment-configs.js';
import { deploymentConfigDoesNotExist, deploymentConfigNameRequired, invalidDeploymentConfigName } from '../../domain/codedeploy/errors.js';
import type { CodeDeployAction } from '../context.js';
import { name } from '../support/input.js';
import { toWireDeploymentConfig } from '../wire/deployment-config.js';

export const getDeploymentConfig: CodeDeployAction = (ctx, b) => {
  const configName = name(b, 'deploymentConfigName', deploymentConfigNameRequired, invalidDeploymentConfigName);
  const config = ctx.deps.store.read(ctx.scope, (state) => findConfig(configName, state.codeDeployDeploymentConfigs));
  if (!config) throw deploymentConfigDoesNotExist(configName);
  return { deploymentConfigInfo: toWireDeploymentConfig(config) };
};
