// Every CloudWatch Logs operation this emulator answers (X-Amz-Target Logs_20140328.<Operation>). One module each.
import { createLogGroup } from './actions/create-log-group.js';
import { createLogStream } from './actions/create-log-stream.js';
import { deleteLogGroup } from './actions/delete-log-group.js';
import { deleteLogStream } from './actions/delete-log-stream.js';
import { deleteRetentionPolicy } from './actions/delete-retention-policy.js';
import { describeLogGroups } from './actions/describe-log-groups.js';
import { describeLogStreams } from './actions/describe-log-streams.js';
import { filterLogEvents } from './actions/filter-log-events.js';
import { getLogEvents } from './actions/get-log-events.js';
import { listTagsForResource } from './actions/list-tags-for-resource.js';
import { listTagsLogGroup } from './actions/list-tags-log-group.js';
import { putLogEvents } from './actions/put-log-events.js';
import { putRetentionPolicy } from './actions/put-retention-policy.js';
import { tagLogGroup } from './actions/tag-log-group.js';
import { tagResource } from './actions/tag-resource.js';
import { untagLogGroup } from './actions/untag-log-group.js';
import { untagResource } from './actions/untag-resource.js';
import type { LogsAction } from './context.js';

export const LOGS_ACTIONS: Readonly<Record<string, LogsAction>> = {
  CreateLogGroup: createLogGroup,
  CreateLogStream: createLogStream,
  DeleteLogGroup: deleteLogGroup,
  DeleteLogStream: deleteLogStream,
  DeleteRetentionPolicy: deleteRetentionPolicy,
  DescribeLogGroups: describeLogGroups,
  DescribeLogStreams: describeLogStreams,
  FilterLogEvents: filterLogEvents,
  GetLogEvents: getLogEvents,
  ListTagsForResource: listTagsForResource,
  ListTagsLogGroup: listTagsLogGroup,
  PutLogEvents: putLogEvents,
  PutRetentionPolicy: putRetentionPolicy,
  TagLogGroup: tagLogGroup,
  TagResource: tagResource,
  UntagLogGroup: untagLogGroup,
  UntagResource: untagResource,
};
