import type { Action } from '../../actions/context.js';
import { discoverInstances as discover } from '../../domain/cloudmap/instances.js';
import { body, optEnum, optInt, optString, optStringMap, reqString } from '../support/input.js';
import { readState } from '../support/state.js';

export const discoverInstances: Action = (ctx, input) => {
  const b = body(input);
  const query = {
    namespaceName: reqString(b, 'NamespaceName', 1024),
    serviceName: reqString(b, 'ServiceName', 127),
    maxResults: optInt(b, 'MaxResults', 1, 1000),
    queryParameters: optStringMap(b, 'QueryParameters'),
    optionalParameters: optStringMap(b, 'OptionalParameters'),
    healthStatus: optEnum(b, 'HealthStatus', ['HEALTHY', 'UNHEALTHY', 'ALL', 'HEALTHY_OR_ELSE_ALL'] as const),
  };
  optString(b, 'OwnerAccount', 12);
  return readState(ctx, (s) => {
    const found = discover(s, query);
    return {
      Instances: found.instances.map(({ instance, health }) => ({
        InstanceId: instance.id,
        NamespaceName: found.namespace,
        ServiceName: found.service.name,
        HealthStatus: health,
        Attributes: { ...instance.attributes },
      })),
      InstancesRevision: found.service.instancesRevision,
    };
  });
};
