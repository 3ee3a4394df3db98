import { deregisterTarget, findTarget } from '../../domain/elbv2/targets.js';
import { type AwsQueryAction, queryParams as q } from '../../protocol/aws-query.js';
import { invalidTarget } from '../errors.js';
import { targetGroup } from '../support/lookup.js';
import { updateElb } from '../support/state.js';
import { targetsOf } from './register-targets.js';

export const deregisterTargets: AwsQueryAction = (ctx) => {
  const arn = q.requiredStr(ctx.params, 'TargetGroupArn');
  const targets = targetsOf(ctx.params);
  updateElb(ctx, (s) => {
    const tg = targetGroup(s, arn);
    const missing = targets.filter((t) => !findTarget(tg, t.id, t.port ?? tg.port));
    if (missing.length)
      throw invalidTarget(
        `The following targets are not registered in target group '${arn}': ${missing.map((t) => `'${t.id}:${t.port ?? tg.port}'`).join(', ')}`,
      );
    for (const t of targets) deregisterTarget(s, tg, t.id, t.port ?? tg.port, ctx.deps.clock.now());
  });
  return {};
};
