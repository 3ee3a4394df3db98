import type { Action } from '../../actions/context.js';
import { serviceById } from '../../domain/cloudmap/services.js';
import { body, reqString } from '../support/input.js';
import { readState } from '../support/state.js';

export const getServiceAttributes: Action = (ctx, input) => {
  const id = reqString(body(input), 'ServiceId', 64);
  return readState(ctx, (s) => {
    const svc = serviceById(s, id);
    return { ServiceAttributes: { ServiceArn: svc.arn, ResourceOwner: ctx.scope.accountId, Attributes: { ...svc.attributes } } };
  });
};
