// Cloud Map (AWS Cloud Map, `servicediscovery`) errors as its API returns them: the SDK's exception name as the
// code, a `Message`, and for some codes extra members (NamespaceAlreadyExists carries the existing NamespaceId).
// Domain code throws through these factories. Wording is ours where AWS's exact text was not found.
import { ServiceError } from '../service-error.js';

export type CloudMapErrorCode =
  | 'CustomHealthNotFound'
  | 'DuplicateRequest'
  | 'InstanceNotFound'
  | 'InvalidInput'
  | 'NamespaceAlreadyExists'
  | 'NamespaceNotFound'
  | 'OperationNotFound'
  | 'RequestLimitExceeded'
  | 'ResourceInUse'
  | 'ResourceLimitExceeded'
  | 'ResourceNotFoundException'
  | 'ServiceAlreadyExists'
  | 'ServiceAttributesLimitExceededException'
  | 'ServiceNotFound'
  | 'TooManyTagsException';

export class CloudMapError extends ServiceError<CloudMapErrorCode> {
  /** `fields`: members besides Message that the SDK reads from the error body. */
  constructor(code: CloudMapErrorCode, message: string, fields: Readonly<Record<string, string>> = {}, status = 400) {
    super(code, message, status, fields);
  }
}

export const invalidInput = (message: string) => new CloudMapError('InvalidInput', message);
export const namespaceNotFound = (id: string) => new CloudMapError('NamespaceNotFound', `Namespace not found: ${id}`);
export const serviceNotFound = (id: string) => new CloudMapError('ServiceNotFound', `Service not found: ${id}`);
export const instanceNotFound = (id: string, serviceId: string) =>
  new CloudMapError('InstanceNotFound', `Instance ${id} not found in service ${serviceId}`);
export const operationNotFound = (id: string) => new CloudMapError('OperationNotFound', `Operation not found: ${id}`);
export const resourceNotFound = (arn: string) => new CloudMapError('ResourceNotFoundException', `Resource not found: ${arn}`);
export const customHealthNotFound = (serviceId: string) =>
  new CloudMapError('CustomHealthNotFound', `Service ${serviceId} does not have a custom health check configuration`);
export const resourceInUse = (message: string) => new CloudMapError('ResourceInUse', message);
export const namespaceAlreadyExists = (name: string, namespaceId: string, creatorRequestId?: string) =>
  new CloudMapError('NamespaceAlreadyExists', `Namespace already exists with name ${name}`, {
    NamespaceId: namespaceId,
    ...(creatorRequestId !== undefined ? { CreatorRequestId: creatorRequestId } : {}),
  });
export const serviceAlreadyExists = (name: string, serviceId: string, serviceArn: string, creatorRequestId?: string) =>
  new CloudMapError('ServiceAlreadyExists', `Service already exists with name ${name}`, {
    ServiceId: serviceId,
    ServiceArn: serviceArn,
    ...(creatorRequestId !== undefined ? { CreatorRequestId: creatorRequestId } : {}),
  });
export const duplicateRequest = (operationId: string) =>
  new CloudMapError('DuplicateRequest', 'The operation is already in progress or was completed with a different request', {
    DuplicateOperationId: operationId,
  });
export const tooManyTags = (arn: string) =>
  new CloudMapError('TooManyTagsException', 'The resource can have at most 50 tags', { ResourceName: arn });
export const serviceAttributesLimitExceeded = () =>
  new CloudMapError('ServiceAttributesLimitExceededException', 'A service can have at most 30 attributes');
