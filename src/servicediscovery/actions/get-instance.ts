import type { Action } from '../../actions/context.js';
import { instanceById } from '../../domain/cloudmap/instances.js';
import { body, reqString } from '../support/input.js';
import { readState } from '../support/state.js';

export const getInstance: Action = (ctx, input) => {
  const b = body(input);
  const serviceId = reqString(b, 'ServiceId', 64);
  const instanceId = reqString(b, 'InstanceId', 64);
  return readState(ctx, (s) => {
    const i = instanceById(s, serviceId, instanceId);
    return {
      ResourceOwner: ctx.scope.accountId,
      Instance: { Id: i.id, CreatorRequestId: i.creatorRequestId, Attributes: { ...i.attributes }, CreatedByAccount: ctx.scope.accountId },
    };
  });
};
