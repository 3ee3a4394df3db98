// Application Auto Scaling on the emulator's port, in AWS JSON 1.1 (X-Amz-Target AnyScaleFrontendService.<Operation>,
// signing name application-autoscaling): scalable targets, scaling policies, scaling activities and tags. Only ECS
// services' desired count can be a target here; registering bounds moves the service's desired count into them.
// Errors carry the SDK's exception name as `__type` and a `Message`.
import { AutoScalingError } from '../domain/autoscaling/errors.js';
import type { WireError } from '../protocol/errors.js';
import type { JsonService } from '../protocol/server.js';
import { createShapeValidator, lowerFirst } from '../protocol/shape-validator.js';
import { AUTOSCALING_OPERATIONS } from './index.js';
import { INPUT_SHAPES } from './support/shapes.js';

export const AUTOSCALING_TARGET_PREFIX = 'AnyScaleFrontendService';

export function createAutoScalingService(): JsonService {
  return {
    targetPrefix: AUTOSCALING_TARGET_PREFIX,
    operations: AUTOSCALING_OPERATIONS,
    validate: createShapeValidator({
      shapes: INPUT_SHAPES,
      serialization: (message) => new AutoScalingError('SerializationException', message),
      invalid: (message) => new AutoScalingError('ValidationException', message),
      pathName: lowerFirst,
    }),
    wireError,
  };
}

function wireError(err: unknown): WireError | undefined {
  if (!(err instanceof AutoScalingError)) return undefined;
  const body = err.message ? { __type: err.code, Message: err.message, ...err.fields } : { __type: err.code };
  return { status: err.status, code: err.code, body };
}
