import type * as Ecs from '@aws-sdk/client-ecs';
import { invalidParameter } from '../domain/errors.js';
import { resolveCluster } from '../store/clusters.js';
import type { ActionContext } from './context.js';
import { assertAtMost, targetNotFound } from './support/container-instances.js';

/** Attributes belong to container instances; a Fargate-only cluster has none to put them on. */
export function putAttributes(ctx: ActionContext, input: Ecs.PutAttributesRequest): Ecs.PutAttributesResponse {
  return refuseAttributes(ctx, input);
}

/** Shared by PutAttributes and DeleteAttributes: the same checks, the same answer for the first target. */
export function refuseAttributes(ctx: ActionContext, input: { cluster?: string; attributes?: Ecs.Attribute[] }): never {
  const { scope, deps } = ctx;
  const attributes = input.attributes ?? [];
  if (attributes.length === 0) throw invalidParameter('Attributes cannot be empty.');
  assertAtMost(attributes, 10, 'attributes');
  deps.store.read(scope, (state) => resolveCluster(state, scope, input.cluster));
  const missingTarget = attributes.find((a) => !a.targetId);
  if (missingTarget) throw invalidParameter(`Attribute ${missingTarget.name} has no targetId.`);
  throw targetNotFound(attributes[0]!.targetId!);
}
