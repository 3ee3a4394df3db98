import type * as Ecs from '@aws-sdk/client-ecs';
import { invalidParameter } from '../domain/errors.js';
import type { ActionContext } from './context.js';
import { toWireDaemonRevision } from './support/daemons.js';

export function describeDaemonRevisions(
  ctx: ActionContext,
  input: Ecs.DescribeDaemonRevisionsRequest,
): Ecs.DescribeDaemonRevisionsResponse {
  const { scope, deps } = ctx;
  const arns = input.daemonRevisionArns ?? [];
  if (arns.length === 0 || arns.length > 20) throw invalidParameter('daemonRevisionArns must have between 1 and 20 items.');
  return deps.store.read(scope, (state) => {
    const daemonRevisions: Ecs.DaemonRevision[] = [];
    const failures: Ecs.Failure[] = [];
    for (const arn of arns) {
      const r = state.daemonRevisions[arn];
      if (r) daemonRevisions.push(toWireDaemonRevision(r));
      else failures.push({ arn, reason: 'MISSING' });
    }
    return { daemonRevisions, failures };
  });
}
