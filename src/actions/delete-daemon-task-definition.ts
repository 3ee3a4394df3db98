import type * as Ecs from '@aws-sdk/client-ecs';
import { clientException } from '../domain/errors.js';
import type { ActionContext } from './context.js';
import { findDaemonTaskDefinition } from './support/daemons.js';

/** Marks a revision DELETE_IN_PROGRESS; refused while an ACTIVE daemon runs it. */
export function deleteDaemonTaskDefinition(
  ctx: ActionContext,
  input: Ecs.DeleteDaemonTaskDefinitionRequest,
): Ecs.DeleteDaemonTaskDefinitionResponse {
  const { scope, deps } = ctx;
  const now = deps.clock.now();
  return deps.store.update(scope, (state) => {
    const ref = input.daemonTaskDefinition!;
    if (!ref.startsWith('arn:') && !ref.includes(':'))
      throw clientException('The revision is required: specify family:revision or the full ARN.');
    const td = findDaemonTaskDefinition(state, ref);
    if (!td) throw clientException('The specified daemon task definition does not exist.');
    const inUse = Object.values(state.daemons).some(
      (d) => d.status === 'ACTIVE' && d.daemonTaskDefinitionArn === td.daemonTaskDefinitionArn,
    );
    if (inUse) throw clientException('The daemon task definition is in use by a daemon and cannot be deleted.');
    if (td.status === 'ACTIVE') Object.assign(td, { status: 'DELETE_IN_PROGRESS', deleteRequestedAt: now });
    return { daemonTaskDefinitionArn: td.daemonTaskDefinitionArn };
  });
}
