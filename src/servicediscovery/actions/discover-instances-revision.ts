import type { Action } from '../../actions/context.js';
import { discoverInstances } from '../../domain/cloudmap/instances.js';
import { body, reqString } from '../support/input.js';
import { readState } from '../support/state.js';

export const discoverInstancesRevision: Action = (ctx, input) => {
  const b = body(input);
  const namespaceName = reqString(b, 'NamespaceName', 1024);
  const serviceName = reqString(b, 'ServiceName', 127);
  return readState(ctx, (s) => ({
    InstancesRevision: discoverInstances(s, { namespaceName, serviceName, healthStatus: 'ALL' }).service.instancesRevision,
  }));
};
