import type { Action } from '../../actions/context.js';
import { deregisterInstance as deregister } from '../../domain/cloudmap/instances.js';
import { newOperationId } from '../../domain/cloudmap/ids.js';
import { body, reqString } from '../support/input.js';
import { updateState } from '../support/state.js';

export const deregisterInstance: Action = (ctx, input) => {
  const b = body(input);
  const serviceId = reqString(b, 'ServiceId', 64);
  const instanceId = reqString(b, 'InstanceId', 64);
  const operationId = newOperationId(ctx.deps.ids);
  return { OperationId: updateState(ctx, (s) => deregister(s, serviceId, instanceId, operationId, ctx.deps.clock.now())) };
};
