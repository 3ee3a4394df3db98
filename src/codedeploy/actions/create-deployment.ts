import { createHash } from 'node:crypto';
import { parseEcsAppSpec } from '../../domain/codedeploy/appspec.js';
import { findConfig } from '../../domain/codedeploy/deployment-configs.js';
import { newLifecycleEvents } from '../../domain/codedeploy/deployment-flow.js';
import {
  CodeDeployError,
  deploymentConfigDoesNotExist,
  deploymentGroupNameRequired,
  invalidDeploymentConfigName,
  invalidOperation,
  invalidRevision,
  revisionRequired,
} from '../../domain/codedeploy/errors.js';
import { type DeploymentRecord, isActive } from '../../domain/codedeploy/records.js';
import type { CodeDeployAction } from '../context.js';
import { checkTargetGroupPair } from '../support/group-checks.js';
import { type Body, optName, optObject, optString } from '../support/input.js';
import { application, applicationNameOf, deploymentGroup, groupNameOf } from '../support/lookup.js';

export const createDeployment: CodeDeployAction = async (ctx, b) => {
  const appName = applicationNameOf(b);
  if (b.deploymentGroupName === undefined || b.deploymentGroupName === null) throw deploymentGroupNameRequired();
  const groupName = groupNameOf(b);
  const { deps, scope } = ctx;
  const { app, group } = deps.store.read(scope, (state) => ({
    app: application(state, appName),
    group: deploymentGroup(state, appName, groupName),
  }));
  if (app.computePlatform !== 'ECS') throw invalidOperation('Only deployments of the ECS compute platform run in fargate-local.');
  const configName = optName(b, 'deploymentConfigName', invalidDeploymentConfigName) ?? group.deploymentConfigName;
  const config = deps.store.read(scope, (state) => findConfig(configName, state.codeDeployDeploymentConfigs));
  if (config?.computePlatform !== 'ECS') throw deploymentConfigDoesNotExist(configName);
  const { revision, content } = revisionOf(b);
  const appSpec = parseEcsAppSpec(content);
  const pair = group.targetGroupPairs[0]!;
  const targetGroupArns = await checkTargetGroupPair(ctx, pair);
  const now = deps.clock.now();
  const deploymentId = `d-${deps.ids.hex32().slice(0, 9).toUpperCase()}`;
  const description = optString(b, 'description');
  const record: DeploymentRecord = {
    deploymentId,
    applicationName: appName,
    deploymentGroupName: groupName,
    deploymentConfigName: configName,
    trafficRouting: config.trafficRouting,
    blueGreen: structuredClone(group.blueGreen),
    ...(group.autoRollback ? { autoRollback: structuredClone(group.autoRollback) } : {}),
    status: 'Created',
    creator: 'user',
    ...(description !== undefined ? { description } : {}),
    createTime: now,
    revision,
    appSpec,
    target: {
      clusterName: group.ecsServices[0]!.clusterName,
      serviceName: group.ecsServices[0]!.serviceName,
      targetGroupArns,
      prodListenerArns: pair.prodTrafficRoute?.listenerArns ?? [],
      testListenerArns: pair.testTrafficRoute?.listenerArns ?? [],
    },
    lifecycleEvents: newLifecycleEvents(),
    statusMessages: [],
    phase: 'start',
    trafficShifted: 0,
    instanceTerminationWaitTimeStarted: false,
  };
  deps.store.update(scope, (state) => {
    const g = deploymentGroup(state, appName, groupName);
    const active = Object.values(state.codeDeployDeployments).find(
      (d) => d.applicationName === appName && d.deploymentGroupName === g.deploymentGroupName && isActive(d),
    );
    if (active)
      throw new CodeDeployError(
        'DeploymentLimitExceededException',
        `The Deployment Group '${groupName}' already has an active Deployment '${active.deploymentId}'`,
      );
    state.codeDeployDeployments[deploymentId] = record;
    g.lastAttemptedDeploymentId = deploymentId;
  });
  ctx.deployments.wake(scope);
  return { deploymentId };
};

/** The revision as given, and its AppSpec text (AppSpecContent or String); S3 and GitHub revisions are not read here. */
function revisionOf(b: Body): { revision: Record<string, unknown>; content: string } {
  const revision = optObject(b, 'revision');
  if (!revision) throw revisionRequired();
  const type = optString(revision, 'revisionType');
  const member = type === 'AppSpecContent' ? 'appSpecContent' : type === 'String' ? 'string' : undefined;
  if (!member) throw invalidRevision(`The revision type ${type ?? '(none)'} is not supported here: use AppSpecContent or String.`);
  const holder = optObject(revision, member);
  const content = holder && optString(holder, 'content');
  if (!content) throw invalidRevision(`The ${member}.content of the revision is missing.`);
  const sha256 = createHash('sha256').update(content).digest('hex');
  const given = optString(holder, 'sha256');
  if (given !== undefined && given !== sha256) throw invalidRevision('The sha256 of the revision does not match its content.');
  return { revision: { revisionType: type, [member]: { content, sha256 } }, content };
}
