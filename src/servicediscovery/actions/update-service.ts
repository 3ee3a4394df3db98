import type { Action } from '../../actions/context.js';
import { updateService as update } from '../../domain/cloudmap/services.js';
import { newOperationId } from '../../domain/cloudmap/ids.js';
import { body, optObject, optString, reqObject, reqString } from '../support/input.js';
import { updateState } from '../support/state.js';
import { dnsRecords, healthCheckConfig } from './create-service.js';

export const updateService: Action = (ctx, input) => {
  const b = body(input);
  const id = reqString(b, 'Id', 64);
  const change = reqObject(b, 'Service');
  const dns = optObject(change, 'DnsConfig');
  const health = optObject(change, 'HealthCheckConfig');
  const request = {
    description: optString(change, 'Description', 1024),
    dnsRecords: dns ? dnsRecords(dns) : undefined,
    healthCheckConfig: health ? healthCheckConfig(health) : undefined,
  };
  const operationId = newOperationId(ctx.deps.ids);
  return { OperationId: updateState(ctx, (s) => update(s, id, request, operationId, ctx.deps.clock.now())) };
};
