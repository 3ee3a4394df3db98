import { checkMinimumHealthyHosts, trafficRoutingOf } from '../../domain/codedeploy/deployment-configs.js';
import {
  deploymentConfigAlreadyExists,
  deploymentConfigNameRequired,
  invalidComputePlatform,
  invalidDeploymentConfigName,
} from '../../domain/codedeploy/errors.js';
import type { ComputePlatform } from '../../domain/codedeploy/records.js';
import { predefinedConfig } from '../../domain/codedeploy/deployment-configs.js';
import type { CodeDeployAction } from '../context.js';
import { name, optInt, optObject, optString } from '../support/input.js';

export const createDeploymentConfig: CodeDeployAction = (ctx, b) => {
  const configName = name(b, 'deploymentConfigName', deploymentConfigNameRequired, invalidDeploymentConfigName);
  const platform = optString(b, 'computePlatform') ?? 'Server';
  if (!['Server', 'Lambda', 'ECS'].includes(platform)) throw invalidComputePlatform(platform);
  const routing = optObject(b, 'trafficRoutingConfig');
  const canary = routing && optObject(routing, 'timeBasedCanary');
  const linear = routing && optObject(routing, 'timeBasedLinear');
  const trafficRouting = trafficRoutingOf(
    configName,
    routing && {
      type: optString(routing, 'type'),
      timeBasedCanary: canary && { canaryPercentage: optInt(canary, 'canaryPercentage'), canaryInterval: optInt(canary, 'canaryInterval') },
      timeBasedLinear: linear && { linearPercentage: optInt(linear, 'linearPercentage'), linearInterval: optInt(linear, 'linearInterval') },
    },
    platform as ComputePlatform,
  );
  const hosts = optObject(b, 'minimumHealthyHosts');
  const minimumHealthyHosts = checkMinimumHealthyHosts(
    platform as ComputePlatform,
    hosts && { type: optString(hosts, 'type'), value: optInt(hosts, 'value') },
  );
  const { deps, scope } = ctx;
  return deps.store.update(scope, (state) => {
    if (predefinedConfig(configName) || state.codeDeployDeploymentConfigs[configName]) throw deploymentConfigAlreadyExists(configName);
    const deploymentConfigId = deps.ids.uuid();
    state.codeDeployDeploymentConfigs[configName] = {
      deploymentConfigId,
      deploymentConfigName: configName,
      computePlatform: platform as ComputePlatform,
      createTime: deps.clock.now(),
      trafficRouting,
      ...(minimumHealthyHosts ? { minimumHealthyHosts } : {}),
    };
    return { deploymentConfigId };
  });
};
