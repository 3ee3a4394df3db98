// Application Auto Scaling's errors as its API returns them (AWS JSON 1.1): the bare code as `__type` and a
// `Message`. Wording follows AWS where it was found in recorded answers (the "No scalable target registered for
// ..." of PutScalingPolicy, "ECS service doesn't exist: ...", the tag-on-register refusal); where none was found
// the message is ours, in AWS's manner, and marked "inferred" beside it.
import { ServiceError } from '../service-error.js';

export type AutoScalingErrorCode =
  | 'ValidationException'
  | 'ObjectNotFoundException'
  | 'ResourceNotFoundException'
  | 'TooManyTagsException'
  | 'LimitExceededException'
  | 'InvalidNextTokenException'
  | 'ConcurrentUpdateException'
  | 'SerializationException';

export class AutoScalingError extends ServiceError<AutoScalingErrorCode> {
  /** `fields`: members besides Message that the SDK reads from the error body. */
  constructor(code: AutoScalingErrorCode, message: string, fields: Readonly<Record<string, string>> = {}, status = 400) {
    super(code, message, status, fields);
  }
}

export interface TargetId {
  serviceNamespace: string;
  resourceId: string;
  scalableDimension: string;
}

const describeTarget = (t: TargetId) =>
  `service namespace: ${t.serviceNamespace}, resource ID: ${t.resourceId}, scalable dimension: ${t.scalableDimension}`;

export const validation = (message: string) => new AutoScalingError('ValidationException', message);

/** Recorded (PutScalingPolicy before RegisterScalableTarget); also used by DeregisterScalableTarget (inferred). */
export const targetNotFound = (t: TargetId) =>
  new AutoScalingError('ObjectNotFoundException', `No scalable target registered for ${describeTarget(t)}`);

/** Inferred, in the manner of targetNotFound. */
export const policyNotFound = (t: TargetId, policyName: string) =>
  new AutoScalingError('ObjectNotFoundException', `No scaling policy found for ${describeTarget(t)}, policy name: ${policyName}`);

/** Recorded (RegisterScalableTarget right after CreateService, before ECS's read side caught up). */
export const ecsServiceMissing = (resourceId: string) => validation(`ECS service doesn't exist: ${resourceId}`);

/** Recorded (RegisterScalableTarget with Tags for a target that exists). */
export const tagsOnExistingTarget = () =>
  validation(
    'The scalable target that you tried to tag already exists. To update tags on an existing scalable target, use the TagResource API.',
  );

/** Inferred. */
export const resourceNotFound = (arn: string) =>
  new AutoScalingError('ResourceNotFoundException', `The scalable target ${arn} does not exist.`, { ResourceName: arn });

/** Inferred. */
export const tooManyTags = (arn: string) =>
  new AutoScalingError('TooManyTagsException', 'A scalable target can have at most 50 tags.', { ResourceName: arn });

/** Inferred. */
export const invalidNextToken = () => new AutoScalingError('InvalidNextTokenException', 'Invalid token');
