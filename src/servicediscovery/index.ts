// Every Cloud Map operation this emulator answers, by its X-Amz-Target name. One module per operation.
import { createHttpNamespace } from './actions/create-http-namespace.js';
import { createPrivateDnsNamespace } from './actions/create-private-dns-namespace.js';
import { createPublicDnsNamespace } from './actions/create-public-dns-namespace.js';
import { createService } from './actions/create-service.js';
import { deleteNamespace } from './actions/delete-namespace.js';
import { deleteServiceAttributes } from './actions/delete-service-attributes.js';
import { deleteService } from './actions/delete-service.js';
import { deregisterInstance } from './actions/deregister-instance.js';
import { discoverInstancesRevision } from './actions/discover-instances-revision.js';
import { discoverInstances } from './actions/discover-instances.js';
import { getInstance } from './actions/get-instance.js';
import { getInstancesHealthStatus } from './actions/get-instances-health-status.js';
import { getNamespace } from './actions/get-namespace.js';
import { getOperation } from './actions/get-operation.js';
import { getServiceAttributes } from './actions/get-service-attributes.js';
import { getService } from './actions/get-service.js';
import { listInstances } from './actions/list-instances.js';
import { listNamespaces } from './actions/list-namespaces.js';
import { listOperations } from './actions/list-operations.js';
import { listServices } from './actions/list-services.js';
import { listTagsForResource } from './actions/list-tags-for-resource.js';
import { registerInstance } from './actions/register-instance.js';
import { tagResource } from './actions/tag-resource.js';
import { untagResource } from './actions/untag-resource.js';
import { updateHttpNamespace } from './actions/update-http-namespace.js';
import { updateInstanceCustomHealthStatus } from './actions/update-instance-custom-health-status.js';
import { updatePrivateDnsNamespace } from './actions/update-private-dns-namespace.js';
import { updatePublicDnsNamespace } from './actions/update-public-dns-namespace.js';
import { updateServiceAttributes } from './actions/update-service-attributes.js';
import { updateService } from './actions/update-service.js';
import type { Action } from '../actions/context.js';

export const SERVICE_DISCOVERY_OPERATIONS: Readonly<Record<string, Action>> = {
  CreateHttpNamespace: createHttpNamespace,
  CreatePrivateDnsNamespace: createPrivateDnsNamespace,
  CreatePublicDnsNamespace: createPublicDnsNamespace,
  CreateService: createService,
  DeleteNamespace: deleteNamespace,
  DeleteServiceAttributes: deleteServiceAttributes,
  DeleteService: deleteService,
  DeregisterInstance: deregisterInstance,
  DiscoverInstancesRevision: discoverInstancesRevision,
  DiscoverInstances: discoverInstances,
  GetInstance: getInstance,
  GetInstancesHealthStatus: getInstancesHealthStatus,
  GetNamespace: getNamespace,
  GetOperation: getOperation,
  GetServiceAttributes: getServiceAttributes,
  GetService: getService,
  ListInstances: listInstances,
  ListNamespaces: listNamespaces,
  ListOperations: listOperations,
  ListServices: listServices,
  ListTagsForResource: listTagsForResource,
  RegisterInstance: registerInstance,
  TagResource: tagResource,
  UntagResource: untagResource,
  UpdateHttpNamespace: updateHttpNamespace,
  UpdateInstanceCustomHealthStatus: updateInstanceCustomHealthStatus,
  UpdatePrivateDnsNamespace: updatePrivateDnsNamespace,
  UpdatePublicDnsNamespace: updatePublicDnsNamespace,
  UpdateServiceAttributes: updateServiceAttributes,
  UpdateService: updateService,
};
