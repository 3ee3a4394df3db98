import type { Action } from '../../actions/context.js';
import { healthOf, instanceById, instancesOf } from '../../domain/cloudmap/instances.js';
import { serviceById } from '../../domain/cloudmap/services.js';
import { body, optStringList, reqString } from '../support/input.js';
import { page } from '../support/paging.js';
import { readState } from '../support/state.js';

export const getInstancesHealthStatus: Action = (ctx, input) => {
  const b = body(input);
  const serviceId = reqString(b, 'ServiceId', 64);
  const wanted = optStringList(b, 'Instances');
  return readState(ctx, (s) => {
    const service = serviceById(s, serviceId);
    const instances = wanted?.length ? wanted.map((id) => instanceById(s, serviceId, id)) : instancesOf(s, serviceId);
    const p = page(b, instances, (i) => i.id);
    return { Status: Object.fromEntries(p.items.map((i) => [i.id, healthOf(service, i)])), NextToken: p.nextToken };
  });
};
