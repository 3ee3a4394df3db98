// Checks a Logs request against its input shape (shapes.ts) with the shared shape validator: a value of the wrong
// JSON type is a SerializationException at once; constraint failures are answered together as
// InvalidParameterException "N validation error(s) detected: ...".
import { LogsError } from '../../domain/logs/errors.js';
import { createShapeValidator } from '../../protocol/shape-validator.js';
import { INPUT_SHAPES } from './shapes.js';

export const validateLogsInput = createShapeValidator({
  shapes: INPUT_SHAPES,
  serialization: (message) => new LogsError('SerializationException', message),
  invalid: (message) => new LogsError('InvalidParameterException', message),
});
