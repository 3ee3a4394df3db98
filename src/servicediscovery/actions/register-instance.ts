import type { Action } from '../../actions/context.js';
import { registerInstance as register } from '../../domain/cloudmap/instances.js';
import { invalidInput } from '../../domain/cloudmap/errors.js';
import { newOperationId } from '../../domain/cloudmap/ids.js';
import { body, optString, optStringMap, reqString } from '../support/input.js';
import { updateState } from '../support/state.js';

export const registerInstance: Action = (ctx, input) => {
  const b = body(input);
  const serviceId = reqString(b, 'ServiceId', 64);
  const instanceId = reqString(b, 'InstanceId', 64);
  const attributes = optStringMap(b, 'Attributes');
  if (!attributes)
    throw invalidInput("1 validation error detected: Value null at 'attributes' failed to satisfy constraint: Member must not be null");
  const creatorRequestId = optString(b, 'CreatorRequestId', 64);
  const operationId = newOperationId(ctx.deps.ids);
  return {
    OperationId: updateState(ctx, (s) =>
      register(s, { serviceId, instanceId, attributes, creatorRequestId }, operationId, ctx.deps.clock.now()),
    ),
  };
};
