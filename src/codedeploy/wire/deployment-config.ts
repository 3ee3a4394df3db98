// DeploymentConfigInfo as GetDeploymentConfig answers it.
import type { DeploymentConfigRecord } from '../../domain/codedeploy/records.js';

export function toWireDeploymentConfig(c: DeploymentConfigRecord) {
  const r = c.trafficRouting;
  return {
    deploymentConfigId: c.deploymentConfigId,
    deploymentConfigName: c.deploymentConfigName,
    ...(c.minimumHealthyHosts ? { minimumHealthyHosts: c.minimumHealthyHosts } : {}),
    createTime: new Date(c.createTime),
    computePlatform: c.computePlatform,
    ...(c.computePlatform !== 'Server'
      ? {
          trafficRoutingConfig: {
            type: r.type,
            ...(r.type === 'TimeBasedCanary'
              ? { timeBasedCanary: { canaryPercentage: r.percentage, canaryInterval: r.intervalMinutes } }
              : {}),
            ...(r.type === 'TimeBasedLinear'
              ? { timeBasedLinear: { linearPercentage: r.percentage, linearInterval: r.intervalMinutes } }
              : {}),
          },
        }
      : {}),
  };
}
