import type { Action } from '../../actions/context.js';
import { instancesOf } from '../../domain/cloudmap/instances.js';
import { serviceById } from '../../domain/cloudmap/services.js';
import { body, reqString } from '../support/input.js';
import { page } from '../support/paging.js';
import { readState } from '../support/state.js';

export const listInstances: Action = (ctx, input) => {
  const b = body(input);
  const serviceId = reqString(b, 'ServiceId', 64);
  return readState(ctx, (s) => {
    serviceById(s, serviceId);
    const p = page(b, instancesOf(s, serviceId), (i) => i.id);
    return {
      ResourceOwner: ctx.scope.accountId,
      Instances: p.items.map((i) => ({ Id: i.id, Attributes: { ...i.attributes }, CreatedByAccount: ctx.scope.accountId })),
      NextToken: p.nextToken,
    };
  });
};
