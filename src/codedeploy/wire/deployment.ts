// DeploymentInfo as GetDeployment and BatchGetDeployments answer it, and the ECS deployment target
// (GetDeploymentTarget) with its lifecycle events and task sets.
import type { DeploymentRecord, LifecycleEventRecord } from '../../domain/codedeploy/records.js';

const date = (ms: number | undefined) => (ms === undefined ? undefined : new Date(ms));

export function toWireDeployment(d: DeploymentRecord) {
  const pair = {
    targetGroups: [d.target.targetGroupArns[0], d.target.targetGroupArns[1]].map((arn) => ({ name: targetGroupName(arn) })),
    prodTrafficRoute: { listenerArns: d.target.prodListenerArns },
    ...(d.target.testListenerArns.length ? { testTrafficRoute: { listenerArns: d.target.testListenerArns } } : {}),
  };
  return {
    applicationName: d.applicationName,
    deploymentGroupName: d.deploymentGroupName,
    deploymentConfigName: d.deploymentConfigName,
    deploymentId: d.deploymentId,
    revision: d.revision,
    status: d.status,
    ...(d.errorInformation ? { errorInformation: d.errorInformation } : {}),
    createTime: date(d.createTime),
    startTime: date(d.startTime),
    completeTime: date(d.completeTime),
    ...(d.description !== undefined ? { description: d.description } : {}),
    creator: d.creator,
    ignoreApplicationStopFailures: false,
    autoRollbackConfiguration: d.autoRollback ?? { enabled: false, events: [] },
    updateOutdatedInstancesOnly: false,
    ...(d.rollbackInfo ? { rollbackInfo: d.rollbackInfo } : {}),
    deploymentStyle: { deploymentType: 'BLUE_GREEN', deploymentOption: 'WITH_TRAFFIC_CONTROL' },
    instanceTerminationWaitTimeStarted: d.instanceTerminationWaitTimeStarted,
    blueGreenDeploymentConfiguration: d.blueGreen,
    loadBalancerInfo: { targetGroupPairInfoList: [pair] },
    fileExistsBehavior: 'DISALLOW',
    deploymentStatusMessages: d.statusMessages,
    computePlatform: 'ECS',
  };
}

function targetGroupName(arn: string): string {
  const m = /:targetgroup\/([^/]+)\//.exec(arn);
  return m ? m[1]! : arn;
}

export const targetIdOf = (d: DeploymentRecord) => `${d.target.clusterName}:${d.target.serviceName}`;

/** The target's status: the deployment's, in the target vocabulary. */
function targetStatus(d: DeploymentRecord): string {
  switch (d.status) {
    case 'Created':
    case 'Queued':
      return 'Pending';
    case 'Stopped':
      return 'Failed';
    case 'Baking':
      return 'InProgress';
    default:
      return d.status;
  }
}

/**
 * No Lambda runs here: a hook waiting for its result says so in the event's diagnostics, with the
 * lifecycleEventHookExecutionId that PutLifecycleEventHookExecutionStatus takes (on AWS the Lambda receives it).
 */
function hookDiagnostics(d: DeploymentRecord, e: LifecycleEventRecord) {
  if (!e.hookExecutionId) return {};
  const fn = d.appSpec.hooks[e.lifecycleEventName] ?? '';
  const message =
    e.hookStatus === 'Pending'
      ? `Waiting for PutLifecycleEventHookExecutionStatus with lifecycleEventHookExecutionId ${e.hookExecutionId} (hook ${fn}).`
      : `Hook ${fn} (lifecycleEventHookExecutionId ${e.hookExecutionId}) reported ${e.hookStatus}.`;
  return { diagnostics: { errorCode: e.hookStatus === 'Failed' ? 'ScriptFailed' : 'Success', scriptName: fn, message, logTail: '' } };
}

export function toWireEcsTarget(d: DeploymentRecord, serviceArn: string, now: number) {
  const taskSets = [];
  if (d.target.blueTaskSetId)
    taskSets.push({
      identifer: d.target.blueTaskSetId,
      status: d.phase === 'done' && d.status === 'Succeeded' ? 'DRAINED' : 'PRIMARY',
      trafficWeight: 100 - d.trafficShifted,
      targetGroup: { name: targetGroupName(d.target.blueTargetGroupArn ?? '') },
      taskSetLabel: 'Blue',
    });
  if (d.greenTaskSetId)
    taskSets.push({
      identifer: d.greenTaskSetId,
      status: d.greenPrimary ? 'PRIMARY' : 'ACTIVE',
      trafficWeight: d.trafficShifted,
      targetGroup: { name: targetGroupName(d.target.greenTargetGroupArn ?? '') },
      taskSetLabel: 'Green',
    });
  return {
    deploymentTargetType: 'ECSTarget',
    ecsTarget: {
      deploymentId: d.deploymentId,
      targetId: targetIdOf(d),
      targetArn: serviceArn,
      lastUpdatedAt: new Date(d.completeTime ?? now),
      lifecycleEvents: d.lifecycleEvents.map((e) => ({
        lifecycleEventName: e.lifecycleEventName,
        ...hookDiagnostics(d, e),
        startTime: date(e.startTime),
        endTime: date(e.endTime),
        status: e.status,
      })),
      status: targetStatus(d),
      taskSetsInfo: taskSets,
    },
  };
}
