// Targets of a target group and their health as ELB reports it. A registered target starts `initial`
// (Elb.RegistrationInProgress, then Elb.InitialHealthChecking once checks run), turns `healthy` or `unhealthy`
// by the checks, and `draining` (Target.DeregistrationInProgress) when deregistered while the group serves a
// load balancer, until the deregistration delay has passed. A group no load balancer uses shows its targets as
// `unused` (Target.NotInUse). Pure: callers pass the time.
import { loadBalancersOfTargetGroup, type Elbv2State, type TargetGroupRecord, type TargetRecord } from './records.js';

export const REASONS = {
  registrationInProgress: { reason: 'Elb.RegistrationInProgress', description: 'Target registration is in progress' },
  initialHealthChecking: { reason: 'Elb.InitialHealthChecking', description: 'Initial health checks in progress' },
  deregistrationInProgress: { reason: 'Target.DeregistrationInProgress', description: 'Target deregistration is in progress' },
  notInUse: { reason: 'Target.NotInUse', description: 'Target group is not configured to receive traffic from the load balancer' },
  notRegistered: { reason: 'Target.NotRegistered', description: 'Target is not registered to the target group' },
  healthCheckDisabled: { reason: 'Target.HealthCheckDisabled', description: 'Health checks are disabled' },
  timeout: { reason: 'Target.Timeout', description: 'Request timed out' },
  failedHealthChecks: { reason: 'Target.FailedHealthChecks', description: 'Health checks failed' },
  responseCodeMismatch: (code: number) => ({
    reason: 'Target.ResponseCodeMismatch',
    description: `Health checks failed with these codes: [${code}]`,
  }),
} as const;

export const targetKey = (t: { id: string; port: number }) => `${t.id}:${t.port}`;

export function findTarget(tg: TargetGroupRecord, id: string, port: number): TargetRecord | undefined {
  return tg.targets.find((t) => t.id === id && t.port === port);
}

/** Registers a target (again): a draining one comes back as a new registration. */
export function registerTarget(
  tg: TargetGroupRecord,
  target: { id: string; port: number; availabilityZone?: string },
  now: number,
): TargetRecord {
  const existing = findTarget(tg, target.id, target.port);
  if (existing && existing.state !== 'draining') return existing;
  const fresh: TargetRecord = {
    id: target.id,
    port: target.port,
    ...(target.availabilityZone ? { availabilityZone: target.availabilityZone } : {}),
    registeredAt: now,
    state: 'initial',
    ...REASONS.registrationInProgress,
  };
  tg.targets = [...tg.targets.filter((t) => t !== existing), fresh];
  return fresh;
}

export function deregistrationDelayMs(tg: TargetGroupRecord): number {
  return Number(tg.attributes['deregistration_delay.timeout_seconds'] ?? '300') * 1000;
}

/** Starts draining the target (or removes it at once when nothing routes to the group, or the delay is 0). */
export function deregisterTarget(state: Elbv2State, tg: TargetGroupRecord, id: string, port: number, now: number): void {
  const target = findTarget(tg, id, port);
  if (!target || target.state === 'draining') return;
  const delay = deregistrationDelayMs(tg);
  if (delay === 0 || loadBalancersOfTargetGroup(state, tg.targetGroupArn).length === 0) {
    tg.targets = tg.targets.filter((t) => t !== target);
    return;
  }
  Object.assign(target, { state: 'draining', drainUntil: now + delay, ...REASONS.deregistrationInProgress });
}

/** Removes targets whose deregistration delay has passed; returns them. */
export function expireDrained(tg: TargetGroupRecord, now: number): TargetRecord[] {
  const done = tg.targets.filter((t) => t.state === 'draining' && (t.drainUntil ?? 0) <= now);
  if (done.length) tg.targets = tg.targets.filter((t) => !done.includes(t));
  return done;
}

export interface TargetHealthView {
  state: TargetRecord['state'];
  reason?: string;
  description?: string;
}

/** The health DescribeTargetHealth reports for a registered target. */
export function healthOf(state: Elbv2State, tg: TargetGroupRecord, target: TargetRecord): TargetHealthView {
  if (target.state === 'draining') return { state: 'draining', ...REASONS.deregistrationInProgress };
  if (loadBalancersOfTargetGroup(state, tg.targetGroupArn).length === 0) return { state: 'unused', ...REASONS.notInUse };
  if (!tg.healthCheck.enabled) return { state: 'unavailable', ...REASONS.healthCheckDisabled };
  return { state: target.state, ...(target.reason ? { reason: target.reason, description: target.description } : {}) };
}
