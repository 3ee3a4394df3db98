import type * as Ecs from '@aws-sdk/client-ecs';
import type { ActionContext } from './context.js';
import { refuseAttributes } from './put-attributes.js';

export function deleteAttributes(ctx: ActionContext, input: Ecs.DeleteAttributesRequest): Ecs.DeleteAttributesResponse {
  return refuseAttributes(ctx, input);
}
