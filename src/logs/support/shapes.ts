// The CloudWatch Logs input shapes this emulator checks, from the Logs API model (Logs_20140328): member types,
// required members, lengths, patterns, ranges and enums. Members not listed are accepted and ignored, as AWS
// ignores members it does not know.
import { type Shape, required as req, structure as struct } from '../../protocol/shape-validator.js';

const logGroupName: Shape = { type: 'string', min: 1, max: 512, pattern: '[\\.\\-_/#A-Za-z0-9]+' };
const logGroupIdentifier: Shape = { type: 'string', min: 1, max: 2048, pattern: '[\\w#+=/:,.@-]*' };
const logStreamName: Shape = { type: 'string', min: 1, max: 512, pattern: '[^:*]*' };
const nextToken: Shape = { type: 'string', min: 1 };
const timestamp: Shape = { type: 'long', min: 0 };
const tagKey: Shape = { type: 'string', min: 1, max: 128, pattern: '^([\\p{L}\\p{Z}\\p{N}_.:/=+\\-@]+)$' };
const tagValue: Shape = { type: 'string', max: 256, pattern: '^([\\p{L}\\p{Z}\\p{N}_.:/=+\\-@]*)$' };
const tags: Shape = { type: 'map', key: tagKey, value: tagValue, min: 1, max: 50 };
const tagKeys: Shape = { type: 'list', member: tagKey, min: 0, max: 50 };
const resourceArn: Shape = { type: 'string', min: 1, max: 1011, pattern: '[\\w+=/:,.@\\-\\*]*' };
const logGroupClass: Shape = { type: 'string', enum: ['STANDARD', 'INFREQUENT_ACCESS', 'DELIVERY'] };

export const RETENTION_DAYS = [1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653];

export const INPUT_SHAPES: Readonly<Record<string, Shape>> = {
  CreateLogGroup: struct({ logGroupName: req(logGroupName), kmsKeyId: { type: 'string', max: 256 }, tags, logGroupClass }),
  DeleteLogGroup: struct({ logGroupName: req(logGroupName) }),
  DescribeLogGroups: struct({
    logGroupNamePrefix: logGroupName,
    logGroupNamePattern: { type: 'string', max: 512, pattern: '[\\.\\-_/#A-Za-z0-9]*' },
    nextToken,
    limit: { type: 'integer', min: 1, max: 50 },
    includeLinkedAccounts: { type: 'boolean' },
    logGroupClass,
  }),
  CreateLogStream: struct({ logGroupName: req(logGroupName), logStreamName: req(logStreamName) }),
  DeleteLogStream: struct({ logGroupName: req(logGroupName), logStreamName: req(logStreamName) }),
  DescribeLogStreams: struct({
    logGroupName,
    logGroupIdentifier,
    logStreamNamePrefix: logStreamName,
    orderBy: { type: 'string', enum: ['LogStreamName', 'LastEventTime'] },
    descending: { type: 'boolean' },
    nextToken,
    limit: { type: 'integer', min: 1, max: 50 },
  }),
  PutLogEvents: struct({
    logGroupName: req(logGroupName),
    logStreamName: req(logStreamName),
    logEvents: req({
      type: 'list',
      min: 1,
      max: 10000,
      member: struct({ timestamp: req(timestamp), message: req({ type: 'string', min: 1 }) }),
    }),
    sequenceToken: { type: 'string', min: 1 },
  }),
  GetLogEvents: struct({
    logGroupName,
    logGroupIdentifier,
    logStreamName: req(logStreamName),
    startTime: timestamp,
    endTime: timestamp,
    nextToken,
    limit: { type: 'integer', min: 1, max: 10000 },
    startFromHead: { type: 'boolean' },
    unmask: { type: 'boolean' },
  }),
  FilterLogEvents: struct({
    logGroupName,
    logGroupIdentifier,
    logStreamNames: { type: 'list', member: logStreamName, min: 1, max: 100 },
    logStreamNamePrefix: logStreamName,
    startTime: timestamp,
    endTime: timestamp,
    filterPattern: { type: 'string', min: 0, max: 1024 },
    nextToken,
    limit: { type: 'integer', min: 1, max: 10000 },
    interleaved: { type: 'boolean' },
    unmask: { type: 'boolean' },
  }),
  PutRetentionPolicy: struct({ logGroupName: req(logGroupName), retentionInDays: req({ type: 'integer' }) }),
  DeleteRetentionPolicy: struct({ logGroupName: req(logGroupName) }),
  TagResource: struct({ resourceArn: req(resourceArn), tags: req(tags) }),
  UntagResource: struct({ resourceArn: req(resourceArn), tagKeys: req(tagKeys) }),
  ListTagsForResource: struct({ resourceArn: req(resourceArn) }),
  TagLogGroup: struct({ logGroupName: req(logGroupName), tags: req(tags) }),
  UntagLogGroup: struct({ logGroupName: req(logGroupName), tags: req({ type: 'list', member: tagKey, min: 1 }) }),
  ListTagsLogGroup: struct({ logGroupName: req(logGroupName) }),
};
