import type { Action } from '../../actions/context.js';
import { updateCustomHealth } from '../../domain/cloudmap/instances.js';
import { body, reqEnum, reqString } from '../support/input.js';
import { updateState } from '../support/state.js';

export const updateInstanceCustomHealthStatus: Action = (ctx, input) => {
  const b = body(input);
  const serviceId = reqString(b, 'ServiceId', 64);
  const instanceId = reqString(b, 'InstanceId', 64);
  const status = reqEnum(b, 'Status', ['HEALTHY', 'UNHEALTHY'] as const);
  updateState(ctx, (s) => updateCustomHealth(s, serviceId, instanceId, status));
  return {};
};
