// DeploymentGroupInfo as GetDeploymentGroup and BatchGetDeploymentGroups answer it (ECS groups).
import type { DeploymentGroupRecord, DeploymentRecord } from '../../domain/codedeploy/records.js';

function deploymentSummary(d: DeploymentRecord | undefined) {
  if (!d) return undefined;
  return {
    deploymentId: d.deploymentId,
    status: d.status,
    ...(d.completeTime ? { endTime: new Date(d.completeTime) } : {}),
    createTime: new Date(d.createTime),
  };
}

export function toWireDeploymentGroup(g: DeploymentGroupRecord, deployments: Readonly<Record<string, DeploymentRecord>>) {
  return {
    applicationName: g.applicationName,
    deploymentGroupId: g.deploymentGroupId,
    deploymentGroupName: g.deploymentGroupName,
    deploymentConfigName: g.deploymentConfigName,
    ec2TagFilters: [],
    onPremisesInstanceTagFilters: [],
    autoScalingGroups: [],
    serviceRoleArn: g.serviceRoleArn,
    triggerConfigurations: [],
    alarmConfiguration: { enabled: false, ignorePollAlarmFailure: false, alarms: [] },
    autoRollbackConfiguration: g.autoRollback ?? { enabled: false, events: [] },
    deploymentStyle: { deploymentType: 'BLUE_GREEN', deploymentOption: 'WITH_TRAFFIC_CONTROL' },
    outdatedInstancesStrategy: 'UPDATE',
    blueGreenDeploymentConfiguration: g.blueGreen,
    loadBalancerInfo: {
      targetGroupPairInfoList: g.targetGroupPairs.map((p) => ({
        targetGroups: p.targetGroups.map((name) => ({ name })),
        ...(p.prodTrafficRoute ? { prodTrafficRoute: p.prodTrafficRoute } : {}),
        ...(p.testTrafficRoute ? { testTrafficRoute: p.testTrafficRoute } : {}),
      })),
    },
    ...(g.lastAttemptedDeploymentId ? { lastAttemptedDeployment: deploymentSummary(deployments[g.lastAttemptedDeploymentId]) } : {}),
    ...(g.lastSuccessfulDeploymentId ? { lastSuccessfulDeployment: deploymentSummary(deployments[g.lastSuccessfulDeploymentId]) } : {}),
    ecsServices: g.ecsServices,
    computePlatform: 'ECS',
    terminationHookEnabled: false,
    ...g.extra,
  };
}
