import type * as Ecs from '@aws-sdk/client-ecs';
import { gatewayArn } from '../domain/arn.js';
import { invalidParameter } from '../domain/errors.js';
import { assertValidGatewayName, hostSharedAlbOf } from '../domain/gateway.js';
import { validateTags } from '../domain/tags.js';
import type { ActionContext } from './context.js';

export function createGateway(ctx: ActionContext, input: Ecs.CreateGatewayRequest): Ecs.CreateGatewayResponse {
  const { scope, deps } = ctx;
  const name = input.name!;
  assertValidGatewayName(name);
  const hostSharedAlb = hostSharedAlbOf(
    (input.configuration as { hostSharedAlb?: Ecs.HostSharedAlbConfiguration } | undefined)?.hostSharedAlb,
  );
  const tags = validateTags(input.tags ?? []);
  const now = deps.clock.now();
  return deps.store.update(scope, (state) => {
    if (state.gateways[name]) throw invalidParameter(`A gateway named ${name} already exists.`);
    const arn = gatewayArn(scope, name);
    state.gateways[name] = {
      gatewayArn: arn,
      name,
      status: 'ACTIVE',
      infrastructureRoleArn: input.infrastructureRoleArn!,
      deletionProtection: input.deletionProtection ?? true,
      hostSharedAlb,
      propagateTags: input.propagateTags ?? 'GATEWAY',
      clusters: {},
      createdAt: now,
      updatedAt: now,
    };
    if (tags.length) state.tags[arn] = tags;
    return { gatewayArn: arn, name, status: 'ACTIVE' };
  });
}
