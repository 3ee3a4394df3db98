// CloudWatch Logs errors as the Logs API returns them (AWS JSON 1.1: the bare code as __type, a message, HTTP 400).
// Wording as AWS answers, where it could be found in recorded answers (moto's tests record several); constraint
// failures use Coral's "N validation error(s) detected" wording, which Logs answers as InvalidParameterException.
import { ServiceError } from '../service-error.js';

export type LogsErrorCode =
  | 'InvalidParameterException'
  | 'ResourceNotFoundException'
  | 'ResourceAlreadyExistsException'
  | 'LimitExceededException'
  | 'OperationAbortedException'
  | 'ServiceUnavailableException'
  | 'TooManyTagsException'
  | 'SerializationException'
  | 'UnknownOperationException'
  | 'ValidationException';

export class LogsError extends ServiceError<LogsErrorCode> {}

export const invalidParameter = (message: string) => new LogsError('InvalidParameterException', message);
export const logGroupNotFound = () => new LogsError('ResourceNotFoundException', 'The specified log group does not exist.');
export const logStreamNotFound = () => new LogsError('ResourceNotFoundException', 'The specified log stream does not exist.');
export const resourceNotFound = () => new LogsError('ResourceNotFoundException', 'The specified resource does not exist.');
export const logGroupExists = () => new LogsError('ResourceAlreadyExistsException', 'The specified log group already exists');
export const logStreamExists = () => new LogsError('ResourceAlreadyExistsException', 'The specified log stream already exists');
export const invalidNextToken = () => invalidParameter('The specified nextToken is invalid.');
export const groupNameAndIdentifier = () => invalidParameter('LogGroup name and LogGroup ARN are mutually exclusive parameters.');
export const streamNamesAndPrefix = () => invalidParameter('logStreamNames and logStreamNamePrefix are mutually exclusive parameters.');
export const orderByLastEventTimeWithPrefix = () => invalidParameter('Cannot order by LastEventTime with a logStreamNamePrefix.');
export const eventsNotInOrder = () => invalidParameter('Log events in a single PutLogEvents request must be in chronological order.');
export const batchSpansTooLong = () =>
  invalidParameter('The batch of log events in a single PutLogEvents request cannot span more than 24 hours.');
export const invalidFilterPattern = () => invalidParameter('Invalid filter pattern');
