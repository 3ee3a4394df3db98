// ECS errors as the API returns them: a code that is the SDK's exception name, a message, a status.
// Domain code throws through these factories, never `new Error(...)` for anything a client can trigger.
import { ServiceError } from './service-error.js';

export type EcsErrorCode =
  | 'AccessDeniedException'
  | 'AttributeLimitExceededException'
  | 'ClientException'
  | 'ClusterContainsContainerInstancesException'
  | 'ClusterContainsServicesException'
  | 'ClusterContainsTasksException'
  | 'ClusterNotFoundException'
  | 'ConflictException'
  | 'InvalidParameterException'
  | 'LimitExceededException'
  | 'PlatformTaskDefinitionIncompatibilityException'
  | 'PlatformUnknownException'
  | 'ResourceInUseException'
  | 'ResourceNotFoundException'
  | 'ServerException'
  | 'ServiceNotActiveException'
  | 'ServiceNotFoundException'
  | 'ServiceDeploymentNotFoundException'
  | 'TargetNotConnectedException'
  | 'TargetNotFoundException'
  | 'TaskSetNotFoundException'
  | 'UnsupportedFeatureException'
  | 'UpdateInProgressException'
  // Protocol-level codes, shared by every AWS JSON service.
  | 'SerializationException'
  | 'UnknownOperationException'
  | 'ValidationException'
  | 'ThrottlingException'
  | 'ServiceUnavailableException'
  | 'ServiceUnavailable';

export class EcsError extends ServiceError<EcsErrorCode> {}

export const clientException = (message: string) => new EcsError('ClientException', message);
export const invalidParameter = (message: string) => new EcsError('InvalidParameterException', message);
export const clusterNotFound = () => new EcsError('ClusterNotFoundException', 'Cluster not found.');
export const serviceNotFound = () => new EcsError('ServiceNotFoundException', 'Service not found.');
export const resourceNotFound = (message: string) => new EcsError('ResourceNotFoundException', message);
export const serverException = (message = 'Service Unavailable. Please try again later.') => new EcsError('ServerException', message, 500);
export const limitExceeded = (message: string) => new EcsError('LimitExceededException', message);
export const resourceInUse = (message: string) => new EcsError('ResourceInUseException', message);

// Clusters. Wording as AWS answers (sources in the cluster module's report).
/** A `cluster` parameter naming a cluster that was deleted (CreateService, UpdateService, RunTask, ...). */
export const clusterInactive = () => new EcsError('ClusterNotFoundException', 'The referenced cluster was inactive.');
/** Tagging calls on a deleted cluster, or on a resource whose cluster was deleted. */
export const clusterInactiveForTagging = () =>
  invalidParameter('The specified cluster is inactive. Specify an active cluster and try again.');
export const clusterContainsTasks = () =>
  new EcsError('ClusterContainsTasksException', 'The Cluster cannot be deleted while Tasks are active.');
export const clusterContainsServices = () =>
  new EcsError('ClusterContainsServicesException', 'The Cluster cannot be deleted while Services are active.');
export const clusterContainsContainerInstances = () =>
  new EcsError('ClusterContainsContainerInstancesException', 'The Cluster cannot be deleted while Container Instances are active.');

// Services. Wording as AWS answers (sources in the services module's report).
export const serviceNotActive = () => new EcsError('ServiceNotActiveException', 'Service was not ACTIVE.');
/** The AWS-wide answer of an unavailable service endpoint (HTTP 503). */
export const serviceUnavailable = () =>
  new EcsError('ServiceUnavailable', 'The request has failed due to a temporary failure of the server.', 503);
