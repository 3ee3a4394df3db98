// Elastic Load Balancing v2 as stored: application load balancers, target groups of IP targets, listeners and
// their rules. Records keep AWS's own values (lower-case protocol states, attribute keys as AWS spells them).

export type LoadBalancerScheme = 'internet-facing' | 'internal';
export type LoadBalancerState = 'provisioning' | 'active' | 'failed';

export interface LoadBalancerRecord {
  loadBalancerArn: string;
  loadBalancerName: string;
  dnsName: string;
  canonicalHostedZoneId: string;
  createdAt: number;
  scheme: LoadBalancerScheme;
  vpcId: string;
  state: LoadBalancerState;
  type: 'application';
  ipAddressType: 'ipv4' | 'dualstack';
  availabilityZones: { zoneName: string; subnetId: string }[];
  securityGroups: string[];
  attributes: Record<string, string>;
}

export interface HealthCheckSettings {
  enabled: boolean;
  protocol: 'HTTP' | 'HTTPS';
  /** A port number or `traffic-port`. */
  port: string;
  path: string;
  intervalSeconds: number;
  timeoutSeconds: number;
  healthyThresholdCount: number;
  unhealthyThresholdCount: number;
  /** e.g. `200`, `200-299`, `200,302`. */
  matcher: string;
}

export type TargetHealthState = 'initial' | 'healthy' | 'unhealthy' | 'unused' | 'draining' | 'unavailable';

export interface TargetRecord {
  id: string;
  port: number;
  availabilityZone?: string;
  registeredAt: number;
  state: TargetHealthState;
  reason?: string;
  description?: string;
  /** While draining: when the deregistration delay ends and the target goes. */
  drainUntil?: number;
}

export interface TargetGroupRecord {
  targetGroupArn: string;
  targetGroupName: string;
  protocol: 'HTTP' | 'HTTPS';
  protocolVersion: 'HTTP1' | 'HTTP2' | 'GRPC';
  port: number;
  vpcId: string;
  targetType: 'ip';
  ipAddressType: 'ipv4' | 'ipv6';
  healthCheck: HealthCheckSettings;
  attributes: Record<string, string>;
  createdAt: number;
  targets: TargetRecord[];
}

export interface TargetGroupWeight {
  targetGroupArn: string;
  weight: number;
}

export interface RedirectConfig {
  protocol: string;
  port: string;
  host: string;
  path: string;
  query: string;
  statusCode: 'HTTP_301' | 'HTTP_302';
}

export interface FixedResponseConfig {
  statusCode: string;
  contentType?: string;
  messageBody?: string;
}

export interface ActionRecord {
  type: 'forward' | 'fixed-response' | 'redirect';
  order?: number;
  /** forward: one or more groups with weights (a plain TargetGroupArn is one group of weight 1). */
  forward?: { targetGroups: TargetGroupWeight[]; stickiness: { enabled: boolean; durationSeconds?: number }; single: boolean };
  fixedResponse?: FixedResponseConfig;
  redirect?: RedirectConfig;
}

export interface ConditionRecord {
  field: 'path-pattern' | 'host-header' | 'http-header' | 'query-string' | 'http-request-method' | 'source-ip';
  /** path-pattern, host-header, http-request-method, source-ip values; http-header values. */
  values: string[];
  /** http-header only. */
  headerName?: string;
  /** query-string only. */
  queryStrings?: { key?: string; value: string }[];
  /** Whether the caller used the legacy `Values` member (echoed back as it came). */
  legacyValues?: boolean;
}

export interface ListenerRecord {
  listenerArn: string;
  loadBalancerArn: string;
  port: number;
  protocol: 'HTTP';
  defaultActions: ActionRecord[];
  /** The listener's default rule (DescribeRules lists it as priority `default`). */
  defaultRuleArn: string;
  createdAt: number;
}

export interface RuleRecord {
  ruleArn: string;
  listenerArn: string;
  priority: number;
  conditions: ConditionRecord[];
  actions: ActionRecord[];
  createdAt: number;
}

/** What a region holds of ELBv2, by ARN. */
export interface Elbv2State {
  loadBalancers: Record<string, LoadBalancerRecord>;
  targetGroups: Record<string, TargetGroupRecord>;
  listeners: Record<string, ListenerRecord>;
  listenerRules: Record<string, RuleRecord>;
}

/** The target groups an action sends traffic to. */
export const targetGroupsOf = (actions: readonly ActionRecord[]) =>
  actions.flatMap((a) => a.forward?.targetGroups.map((t) => t.targetGroupArn) ?? []);

/** The load balancers whose listeners or rules forward to the target group. */
export function loadBalancersOfTargetGroup(state: Elbv2State, targetGroupArn: string): string[] {
  const arns = new Set<string>();
  for (const l of Object.values(state.listeners)) {
    const rules = Object.values(state.listenerRules).filter((r) => r.listenerArn === l.listenerArn);
    const actions = [...l.defaultActions, ...rules.flatMap((r) => r.actions)];
    if (targetGroupsOf(actions).includes(targetGroupArn)) arns.add(l.loadBalancerArn);
  }
  return [...arns].sort();
}
