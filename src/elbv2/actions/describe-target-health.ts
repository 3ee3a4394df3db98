import { findTarget, healthOf, REASONS } from '../../domain/elbv2/targets.js';
import { type AwsQueryAction, members, queryParams as q } from '../../protocol/aws-query.js';
import type { XmlObject } from '../../protocol/xml.js';
import { targetGroup } from '../support/lookup.js';
import { readElb } from '../support/state.js';
import { targetsOf } from './register-targets.js';

export const describeTargetHealth: AwsQueryAction = (ctx) => {
  const arn = q.requiredStr(ctx.params, 'TargetGroupArn');
  const asked = q.structList(ctx.params, 'Targets').length ? targetsOf(ctx.params) : undefined;
  const rows = readElb(ctx, (s) => {
    const tg = targetGroup(s, arn);
    const hcPort = (port: number) => (tg.healthCheck.port === 'traffic-port' ? String(port) : tg.healthCheck.port);
    const row = (
      id: string,
      port: number,
      az: string | undefined,
      health: { state: string; reason?: string; description?: string },
    ): XmlObject => ({
      Target: { Id: id, Port: port, AvailabilityZone: az },
      HealthCheckPort: hcPort(port),
      TargetHealth: { State: health.state, Reason: health.reason, Description: health.description },
    });
    if (!asked) return tg.targets.map((t) => row(t.id, t.port, t.availabilityZone, healthOf(s, tg, t)));
    return asked.map((a) => {
      const port = a.port ?? tg.port;
      const t = findTarget(tg, a.id, port);
      return t
        ? row(t.id, t.port, t.availabilityZone, healthOf(s, tg, t))
        : row(a.id, port, a.availabilityZone, { state: 'unused', ...REASONS.notRegistered });
    });
  });
  return { TargetHealthDescriptions: members(rows) };
};
