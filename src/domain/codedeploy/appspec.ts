// The AppSpec of an ECS deployment (YAML or JSON; JSON is read as YAML): one TargetService of type
// AWS::ECS::Service whose Properties say the task definition, the container and port behind the load balancer,
// and optionally the platform version, network configuration and capacity provider strategy of the replacement
// task set; Hooks name a Lambda function per lifecycle event. A bad AppSpec is InvalidRevisionException.
import { parse } from 'yaml';
import { invalidRevision } from './errors.js';
import { type EcsAppSpec, HOOK_EVENTS } from './records.js';

type Obj = Record<string, unknown>;
const isObject = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const fail = (message: string) => invalidRevision(`The AppSpec file is invalid: ${message}`);

function str(o: Obj, key: string, where: string): string | undefined {
  const v = o[key];
  if (v === undefined || v === null) return undefined;
  if (typeof v !== 'string' || v === '') throw fail(`${where}.${key} must be a non-empty string.`);
  return v;
}

function strings(o: Obj, key: string, where: string): string[] | undefined {
  const v = o[key];
  if (v === undefined || v === null) return undefined;
  if (!Array.isArray(v) || v.some((s) => typeof s !== 'string')) throw fail(`${where}.${key} must be a list of strings.`);
  return v as string[];
}

export function parseEcsAppSpec(content: string): EcsAppSpec {
  let doc: unknown;
  try {
    doc = parse(content);
  } catch (err) {
    throw fail(`it is neither YAML nor JSON (${err instanceof Error ? err.message.split('\n')[0] : 'unreadable'}).`);
  }
  if (!isObject(doc)) throw fail('it must be a YAML or JSON object.');
  if (doc.version === undefined) throw fail('version is missing.');
  const resources = doc.Resources;
  if (!Array.isArray(resources) || resources.length === 0) throw fail('Resources must list one TargetService.');
  if (resources.length > 1) throw fail('an ECS deployment has exactly one resource.');
  const entry = resources[0];
  const [name, resource] = isObject(entry) ? (Object.entries(entry)[0] ?? []) : [];
  if (!isObject(resource)) throw fail('Resources must list one TargetService.');
  if (resource.Type !== 'AWS::ECS::Service') throw fail(`${name}.Type must be AWS::ECS::Service.`);
  const props = resource.Properties;
  if (!isObject(props)) throw fail(`${name}.Properties is missing.`);
  const where = `${name}.Properties`;
  const taskDefinition = str(props, 'TaskDefinition', where);
  if (!taskDefinition) throw fail(`${where}.TaskDefinition is missing.`);
  const lb = props.LoadBalancerInfo;
  if (!isObject(lb)) throw fail(`${where}.LoadBalancerInfo is missing.`);
  const containerName = str(lb, 'ContainerName', `${where}.LoadBalancerInfo`);
  if (!containerName) throw fail(`${where}.LoadBalancerInfo.ContainerName is missing.`);
  const port = typeof lb.ContainerPort === 'string' ? Number(lb.ContainerPort) : lb.ContainerPort;
  if (typeof port !== 'number' || !Number.isInteger(port) || port < 1 || port > 65535)
    throw fail(`${where}.LoadBalancerInfo.ContainerPort must be a port number.`);
  const spec: EcsAppSpec = { taskDefinition, containerName, containerPort: port, hooks: hooksOf(doc.Hooks) };
  const platformVersion = str(props, 'PlatformVersion', where);
  if (platformVersion) spec.platformVersion = platformVersion;
  const network = props.NetworkConfiguration;
  if (network !== undefined && network !== null) {
    const vpc = isObject(network) ? (network.AwsvpcConfiguration ?? network.awsvpcConfiguration) : undefined;
    if (!isObject(vpc)) throw fail(`${where}.NetworkConfiguration.AwsvpcConfiguration is missing.`);
    const w = `${where}.NetworkConfiguration.AwsvpcConfiguration`;
    const subnets = strings(vpc, 'Subnets', w);
    if (!subnets?.length) throw fail(`${w}.Subnets is missing.`);
    const securityGroups = strings(vpc, 'SecurityGroups', w);
    const assign = str(vpc, 'AssignPublicIp', w);
    if (assign !== undefined && assign !== 'ENABLED' && assign !== 'DISABLED')
      throw fail(`${w}.AssignPublicIp must be ENABLED or DISABLED.`);
    spec.networkConfiguration = {
      awsvpcConfiguration: {
        subnets,
        ...(securityGroups ? { securityGroups } : {}),
        ...(assign ? { assignPublicIp: assign as 'ENABLED' | 'DISABLED' } : {}),
      },
    };
  }
  const strategy = props.CapacityProviderStrategy;
  if (strategy !== undefined && strategy !== null) {
    if (!Array.isArray(strategy)) throw fail(`${where}.CapacityProviderStrategy must be a list.`);
    spec.capacityProviderStrategy = strategy.map((item, i) => {
      const w = `${where}.CapacityProviderStrategy[${i}]`;
      if (!isObject(item)) throw fail(`${w} must be an object.`);
      const capacityProvider = str(item, 'CapacityProvider', w);
      if (!capacityProvider) throw fail(`${w}.CapacityProvider is missing.`);
      const num = (key: string) => {
        const v = item[key];
        if (v === undefined || v === null) return undefined;
        if (typeof v !== 'number' || !Number.isInteger(v) || v < 0) throw fail(`${w}.${key} must be a whole number.`);
        return v;
      };
      const base = num('Base');
      const weight = num('Weight');
      return { capacityProvider, ...(base !== undefined ? { base } : {}), ...(weight !== undefined ? { weight } : {}) };
    });
  }
  return spec;
}

/** `Hooks: [{ BeforeInstall: fn }, …]` (a map is accepted too). */
function hooksOf(raw: unknown): Record<string, string> {
  if (raw === undefined || raw === null) return {};
  const entries = Array.isArray(raw)
    ? raw.flatMap((h) => (isObject(h) ? Object.entries(h) : [[undefined, h]]))
    : isObject(raw)
      ? Object.entries(raw)
      : null;
  if (!entries) throw fail('Hooks must be a list of lifecycle event names and functions.');
  const hooks: Record<string, string> = {};
  for (const [event, fn] of entries) {
    if (typeof event !== 'string' || !(HOOK_EVENTS as readonly string[]).includes(event))
      throw fail(`Hooks: ${String(event)} is not a lifecycle event of an ECS deployment (${HOOK_EVENTS.join(', ')}).`);
    if (typeof fn !== 'string' || fn === '') throw fail(`Hooks: ${event} must name a Lambda function.`);
    hooks[event] = fn;
  }
  return hooks;
}
