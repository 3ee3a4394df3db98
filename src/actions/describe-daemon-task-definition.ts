import type * as Ecs from '@aws-sdk/client-ecs';
import { clientException } from '../domain/errors.js';
import type { ActionContext } from './context.js';
import { findDaemonTaskDefinition, toWireDaemonTaskDefinition } from './support/daemons.js';

export function describeDaemonTaskDefinition(
  ctx: ActionContext,
  input: Ecs.DescribeDaemonTaskDefinitionRequest,
): Ecs.DescribeDaemonTaskDefinitionResponse {
  const { scope, deps } = ctx;
  return deps.store.read(scope, (state) => {
    const td = findDaemonTaskDefinition(state, input.daemonTaskDefinition!);
    if (!td) throw clientException('Unable to describe daemon task definition.');
    return { daemonTaskDefinition: toWireDaemonTaskDefinition(td) };
  });
}
