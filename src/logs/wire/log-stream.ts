// LogStream as DescribeLogStreams answers it. storedBytes has been reported as 0 for streams since AWS
// deprecated it (2019); sequence tokens are no longer required by PutLogEvents, but are still returned.
import { logStreamArn } from '../../domain/arn.js';
import type { LogStreamView } from '../../domain/logs/model.js';
import type { Scope } from '../../domain/scope.js';

/** A sequence token in AWS's shape (a long decimal number) that grows with the stream. */
export const sequenceToken = (nextIndex: number) => `4963${String(nextIndex).padStart(52, '0')}`;

export function logStreamToWire(scope: Scope, group: string, stream: LogStreamView) {
  return {
    logStreamName: stream.name,
    creationTime: stream.creationTime,
    ...(stream.firstEventTimestamp !== undefined ? { firstEventTimestamp: stream.firstEventTimestamp } : {}),
    ...(stream.lastEventTimestamp !== undefined ? { lastEventTimestamp: stream.lastEventTimestamp } : {}),
    ...(stream.lastIngestionTime !== undefined ? { lastIngestionTime: stream.lastIngestionTime } : {}),
    uploadSequenceToken: sequenceToken(stream.nextIndex),
    arn: logStreamArn(scope, group, stream.name),
    storedBytes: 0,
  };
}
