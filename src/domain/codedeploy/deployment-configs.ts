// The deployment configurations every account has (CodeDeployDefault.*), and the rules for custom ones. ECS
// deployments shift production traffic all at once, in a canary step then the rest, or in linear steps.
import { createHash } from 'node:crypto';
import { invalidDeploymentConfigName, invalidMinimumHealthyHostValue, invalidTrafficRoutingConfiguration } from './errors.js';
import type { ComputePlatform, DeploymentConfigRecord, TrafficRouting } from './records.js';

export const DEFAULT_ECS_CONFIG = 'CodeDeployDefault.ECSAllAtOnce';
const PREFIX = 'CodeDeployDefault.';

/** A stable id for a predefined configuration (AWS gives each one a fixed id). */
function idOf(name: string): string {
  const h = createHash('sha256').update(name).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-a${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

function predefined(
  name: string,
  computePlatform: ComputePlatform,
  trafficRouting: TrafficRouting,
  minimumHealthyHosts?: DeploymentConfigRecord['minimumHealthyHosts'],
): DeploymentConfigRecord {
  return {
    deploymentConfigId: idOf(name),
    deploymentConfigName: `${PREFIX}${name}`,
    computePlatform,
    createTime: Date.UTC(2014, 9, 6),
    trafficRouting,
    ...(minimumHealthyHosts ? { minimumHealthyHosts } : {}),
  };
}

const canary = (percentage: number, intervalMinutes: number): TrafficRouting => ({ type: 'TimeBasedCanary', percentage, intervalMinutes });
const linear = (percentage: number, intervalMinutes: number): TrafficRouting => ({ type: 'TimeBasedLinear', percentage, intervalMinutes });
const allAtOnce: TrafficRouting = { type: 'AllAtOnce' };

export const PREDEFINED_CONFIGS: readonly DeploymentConfigRecord[] = [
  predefined('OneAtATime', 'Server', allAtOnce, { type: 'HOST_COUNT', value: 1 }),
  predefined('HalfAtATime', 'Server', allAtOnce, { type: 'FLEET_PERCENT', value: 50 }),
  predefined('AllAtOnce', 'Server', allAtOnce, { type: 'HOST_COUNT', value: 0 }),
  predefined('LambdaAllAtOnce', 'Lambda', allAtOnce),
  predefined('LambdaCanary10Percent5Minutes', 'Lambda', canary(10, 5)),
  predefined('LambdaCanary10Percent10Minutes', 'Lambda', canary(10, 10)),
  predefined('LambdaCanary10Percent15Minutes', 'Lambda', canary(10, 15)),
  predefined('LambdaCanary10Percent30Minutes', 'Lambda', canary(10, 30)),
  predefined('LambdaLinear10PercentEvery1Minute', 'Lambda', linear(10, 1)),
  predefined('LambdaLinear10PercentEvery2Minutes', 'Lambda', linear(10, 2)),
  predefined('LambdaLinear10PercentEvery3Minutes', 'Lambda', linear(10, 3)),
  predefined('LambdaLinear10PercentEvery10Minutes', 'Lambda', linear(10, 10)),
  predefined('ECSAllAtOnce', 'ECS', allAtOnce),
  predefined('ECSLinear10PercentEvery1Minutes', 'ECS', linear(10, 1)),
  predefined('ECSLinear10PercentEvery3Minutes', 'ECS', linear(10, 3)),
  predefined('ECSCanary10Percent5Minutes', 'ECS', canary(10, 5)),
  predefined('ECSCanary10Percent15Minutes', 'ECS', canary(10, 15)),
];

const BY_NAME = new Map(PREDEFINED_CONFIGS.map((c) => [c.deploymentConfigName, c]));

export const predefinedConfig = (name: string): DeploymentConfigRecord | undefined => BY_NAME.get(name);
export const isPredefinedName = (name: string) => name.startsWith(PREFIX);

/** The configuration named, predefined or from `custom`. */
export function findConfig(name: string, custom: Readonly<Record<string, DeploymentConfigRecord>>): DeploymentConfigRecord | undefined {
  return predefinedConfig(name) ?? custom[name];
}

export interface TrafficRoutingInput {
  type?: string;
  timeBasedCanary?: { canaryPercentage?: number; canaryInterval?: number };
  timeBasedLinear?: { linearPercentage?: number; linearInterval?: number };
}

/** Checks CreateDeploymentConfig's trafficRoutingConfig for ECS (and Lambda) configurations. */
export function trafficRoutingOf(name: string, input: TrafficRoutingInput | undefined, platform: ComputePlatform): TrafficRouting {
  if (isPredefinedName(name)) throw invalidDeploymentConfigName(name);
  if (platform === 'Server') return allAtOnce;
  const type = input?.type ?? 'AllAtOnce';
  if (type === 'AllAtOnce') return allAtOnce;
  const percentOk = (p: number | undefined): p is number => p !== undefined && Number.isInteger(p) && p >= 1 && p <= 99;
  const intervalOk = (m: number | undefined): m is number => m !== undefined && Number.isInteger(m) && m >= 1 && m <= 2880;
  if (type === 'TimeBasedCanary') {
    const c = input?.timeBasedCanary;
    if (!percentOk(c?.canaryPercentage) || !intervalOk(c?.canaryInterval))
      throw invalidTrafficRoutingConfiguration(
        'The canaryPercentage must be between 1 and 99 and the canaryInterval between 1 and 2880 minutes.',
      );
    return canary(c.canaryPercentage, c.canaryInterval);
  }
  if (type === 'TimeBasedLinear') {
    const l = input?.timeBasedLinear;
    if (!percentOk(l?.linearPercentage) || !intervalOk(l?.linearInterval))
      throw invalidTrafficRoutingConfiguration(
        'The linearPercentage must be between 1 and 99 and the linearInterval between 1 and 2880 minutes.',
      );
    return linear(l.linearPercentage, l.linearInterval);
  }
  throw invalidTrafficRoutingConfiguration(`The traffic routing type is invalid: ${type}`);
}

export function checkMinimumHealthyHosts(platform: ComputePlatform, value: { type?: string; value?: number } | undefined) {
  if (platform !== 'Server') {
    if (value) throw invalidMinimumHealthyHostValue(`Minimum healthy hosts are only for the Server compute platform.`);
    return undefined;
  }
  if (!value || (value.type !== 'HOST_COUNT' && value.type !== 'FLEET_PERCENT') || value.value === undefined || value.value < 0)
    throw invalidMinimumHealthyHostValue('The minimum healthy instance value was specified in an invalid format.');
  return { type: value.type, value: value.value };
}

/** The percentages of production traffic on green, step after step, ending at 100. */
export function trafficSteps(routing: TrafficRouting): number[] {
  if (routing.type === 'AllAtOnce') return [100];
  const p = routing.percentage ?? 100;
  if (routing.type === 'TimeBasedCanary') return p >= 100 ? [100] : [p, 100];
  const steps: number[] = [];
  for (let v = p; v < 100; v += p) steps.push(v);
  steps.push(100);
  return steps;
}
