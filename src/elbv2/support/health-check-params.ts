// The health-check members of CreateTargetGroup and ModifyTargetGroup, over the current settings, with ELBv2's
// ranges (interval 5..300 s, timeout 2..120 s and less than the interval, thresholds 2..10).
import type { HealthCheckSettings } from '../../domain/elbv2/records.js';
import { queryParams as q } from '../../protocol/aws-query.js';
import type { QueryParams } from '../../protocol/query-params.js';
import { validationError } from '../errors.js';

function within(name: string, value: number | undefined, min: number, max: number): void {
  if (value !== undefined && (value < min || value > max))
    throw validationError(
      `1 validation error detected: Value '${value}' at '${name}' failed to satisfy constraint: Member must have value between ${min} and ${max}`,
    );
}

export function healthCheckOf(p: QueryParams, current: HealthCheckSettings): HealthCheckSettings {
  const protocol = q.str(p, 'HealthCheckProtocol');
  if (protocol !== undefined && protocol !== 'HTTP' && protocol !== 'HTTPS')
    throw validationError(`Health check protocol '${protocol}' is not supported for this target group`);
  const port = q.str(p, 'HealthCheckPort');
  if (port !== undefined && port !== 'traffic-port' && !(/^\d+$/.test(port) && Number(port) >= 1 && Number(port) <= 65535))
    throw validationError(`Health check port '${port}' must be 'traffic-port' or a port between 1 and 65535`);
  const path = q.str(p, 'HealthCheckPath');
  if (path !== undefined && !path.startsWith('/')) throw validationError("Health check path must begin with a '/' character");
  const interval = q.int(p, 'HealthCheckIntervalSeconds');
  const timeout = q.int(p, 'HealthCheckTimeoutSeconds');
  const healthy = q.int(p, 'HealthyThresholdCount');
  const unhealthy = q.int(p, 'UnhealthyThresholdCount');
  within('healthCheckIntervalSeconds', interval, 5, 300);
  within('healthCheckTimeoutSeconds', timeout, 2, 120);
  within('healthyThresholdCount', healthy, 2, 10);
  within('unhealthyThresholdCount', unhealthy, 2, 10);
  const matcherStruct = q.struct(p, 'Matcher');
  const matcher = matcherStruct && q.str(matcherStruct, 'HttpCode');
  if (matcher !== undefined && !/^\d{3}(-\d{3})?(,\d{3}(-\d{3})?)*$/.test(matcher))
    throw validationError(`Health check matcher HTTP code '${matcher}' is not valid`);
  const next: HealthCheckSettings = {
    enabled: q.bool(p, 'HealthCheckEnabled') ?? current.enabled,
    protocol: (protocol as HealthCheckSettings['protocol'] | undefined) ?? current.protocol,
    port: port ?? current.port,
    path: path ?? current.path,
    intervalSeconds: interval ?? current.intervalSeconds,
    timeoutSeconds: timeout ?? current.timeoutSeconds,
    healthyThresholdCount: healthy ?? current.healthyThresholdCount,
    unhealthyThresholdCount: unhealthy ?? current.unhealthyThresholdCount,
    matcher: matcher ?? current.matcher,
  };
  if (next.timeoutSeconds >= next.intervalSeconds) throw validationError('Health check interval must be greater than the timeout.');
  return next;
}
