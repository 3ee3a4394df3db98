// The members of CreateDeploymentGroup / UpdateDeploymentGroup that an ECS deployment group uses, read and checked
// as CodeDeploy checks them: one ECS service, one target group pair (two target groups, a production listener,
// optionally a test listener), a blue/green configuration, and the automatic rollback configuration.
import {
  invalidAutoRollbackConfig,
  invalidBlueGreenConfiguration,
  invalidDeploymentStyle,
  invalidEcsService,
  invalidLoadBalancerInfo,
  invalidTargetGroupPair,
} from '../../domain/codedeploy/errors.js';
import type {
  AutoRollbackConfiguration,
  AutoRollbackEvent,
  BlueGreenConfiguration,
  EcsServiceRef,
  TargetGroupPair,
} from '../../domain/codedeploy/records.js';
import { type Body, optBool, optInt, optObject, optObjectList, optString, optStringList } from './input.js';

export const DEFAULT_BLUE_GREEN: BlueGreenConfiguration = {
  terminateBlueInstancesOnDeploymentSuccess: { action: 'TERMINATE', terminationWaitTimeInMinutes: 0 },
  deploymentReadyOption: { actionOnTimeout: 'CONTINUE_DEPLOYMENT', waitTimeInMinutes: 0 },
};

const ROLLBACK_EVENTS: readonly AutoRollbackEvent[] = ['DEPLOYMENT_FAILURE', 'DEPLOYMENT_STOP_ON_ALARM', 'DEPLOYMENT_STOP_ON_REQUEST'];
const MAX_WAIT_MINUTES = 2880;

export function ecsServicesOf(b: Body): EcsServiceRef[] | undefined {
  const list = optObjectList(b, 'ecsServices');
  if (!list) return undefined;
  if (list.length !== 1) throw invalidEcsService('An ECS deployment group must name exactly one ECS service.');
  return list.map((s) => {
    const serviceName = optString(s, 'serviceName');
    const clusterName = optString(s, 'clusterName');
    if (!serviceName || !clusterName) throw invalidEcsService('The ECS service must be given by its serviceName and clusterName.');
    return { serviceName, clusterName };
  });
}

export function deploymentStyleOf(b: Body): void {
  const style = optObject(b, 'deploymentStyle');
  if (!style) return;
  const type = optString(style, 'deploymentType');
  const option = optString(style, 'deploymentOption');
  if ((type !== undefined && type !== 'BLUE_GREEN') || (option !== undefined && option !== 'WITH_TRAFFIC_CONTROL'))
    throw invalidDeploymentStyle('An ECS deployment group must use deploymentType BLUE_GREEN and deploymentOption WITH_TRAFFIC_CONTROL.');
}

export function targetGroupPairsOf(b: Body): TargetGroupPair[] | undefined {
  const info = optObject(b, 'loadBalancerInfo');
  if (!info) return undefined;
  if (optObjectList(info, 'elbInfoList')?.length || optObjectList(info, 'targetGroupInfoList')?.length)
    throw invalidLoadBalancerInfo('An ECS deployment group takes targetGroupPairInfoList only.');
  const pairs = optObjectList(info, 'targetGroupPairInfoList') ?? [];
  if (pairs.length !== 1) throw invalidTargetGroupPair('An ECS deployment group must have exactly one target group pair.');
  return pairs.map((p) => {
    const groups = (optObjectList(p, 'targetGroups') ?? []).map((g) => optString(g, 'name') ?? '');
    if (groups.length !== 2 || groups.some((g) => g === '') || groups[0] === groups[1])
      throw invalidTargetGroupPair('A target group pair must name two different target groups.');
    const route = (member: string) => {
      const r = optObject(p, member);
      const arns = r ? (optStringList(r, 'listenerArns') ?? []) : [];
      if (arns.length > 1) throw invalidTargetGroupPair(`The ${member} can have one listener only.`);
      return arns.length ? { listenerArns: arns } : undefined;
    };
    const prod = route('prodTrafficRoute');
    if (!prod) throw invalidTargetGroupPair('The target group pair must have a prodTrafficRoute with one listener.');
    const test = route('testTrafficRoute');
    if (test && test.listenerArns[0] === prod.listenerArns[0])
      throw invalidTargetGroupPair('The production and test traffic routes must use different listeners.');
    return { targetGroups: groups, prodTrafficRoute: prod, ...(test ? { testTrafficRoute: test } : {}) };
  });
}

export function blueGreenOf(b: Body, base: BlueGreenConfiguration = DEFAULT_BLUE_GREEN): BlueGreenConfiguration | undefined {
  const bg = optObject(b, 'blueGreenDeploymentConfiguration');
  if (!bg) return undefined;
  if (optObject(bg, 'greenFleetProvisioningOption'))
    throw invalidBlueGreenConfiguration('greenFleetProvisioningOption is not used by ECS deployments.');
  const out = structuredClone(base);
  const terminate = optObject(bg, 'terminateBlueInstancesOnDeploymentSuccess');
  if (terminate) {
    const action = optString(terminate, 'action') ?? 'TERMINATE';
    if (action !== 'TERMINATE' && action !== 'KEEP_ALIVE') throw invalidBlueGreenConfiguration(`The action is invalid: ${action}`);
    const wait = optInt(terminate, 'terminationWaitTimeInMinutes') ?? 0;
    if (wait < 0 || wait > MAX_WAIT_MINUTES)
      throw invalidBlueGreenConfiguration(`terminationWaitTimeInMinutes must be between 0 and ${MAX_WAIT_MINUTES}.`);
    out.terminateBlueInstancesOnDeploymentSuccess = { action, terminationWaitTimeInMinutes: wait };
  }
  const ready = optObject(bg, 'deploymentReadyOption');
  if (ready) {
    const action = optString(ready, 'actionOnTimeout') ?? 'CONTINUE_DEPLOYMENT';
    if (action !== 'CONTINUE_DEPLOYMENT' && action !== 'STOP_DEPLOYMENT')
      throw invalidBlueGreenConfiguration(`The actionOnTimeout is invalid: ${action}`);
    const wait = optInt(ready, 'waitTimeInMinutes') ?? 0;
    if (wait < 0 || wait > MAX_WAIT_MINUTES)
      throw invalidBlueGreenConfiguration(`waitTimeInMinutes must be between 0 and ${MAX_WAIT_MINUTES}.`);
    if (action === 'CONTINUE_DEPLOYMENT' && wait > 0)
      throw invalidBlueGreenConfiguration('waitTimeInMinutes can be set only when actionOnTimeout is STOP_DEPLOYMENT.');
    out.deploymentReadyOption = { actionOnTimeout: action, waitTimeInMinutes: wait };
  }
  return out;
}

export function autoRollbackOf(b: Body): AutoRollbackConfiguration | undefined {
  const c = optObject(b, 'autoRollbackConfiguration');
  if (!c) return undefined;
  const enabled = optBool(c, 'enabled') ?? false;
  const events = optStringList(c, 'events') ?? [];
  for (const e of events)
    if (!(ROLLBACK_EVENTS as readonly string[]).includes(e)) throw invalidAutoRollbackConfig(`The rollback event is invalid: ${e}`);
  if (enabled && events.length === 0)
    throw invalidAutoRollbackConfig('An enabled automatic rollback configuration must list at least one event.');
  return { enabled, events: [...new Set(events)] as AutoRollbackEvent[] };
}

/** Members answered back as given (alarms, triggers) but not acted on here. */
export function extraOf(b: Body, base: Record<string, unknown> = {}): Record<string, unknown> {
  const out = { ...base };
  for (const member of ['alarmConfiguration', 'triggerConfigurations', 'outdatedInstancesStrategy', 'terminationHookEnabled'] as const)
    if (b[member] !== undefined && b[member] !== null) out[member] = structuredClone(b[member]);
  return out;
}
