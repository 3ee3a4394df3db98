// LogGroup as DescribeLogGroups answers it.
import { logGroupArn } from '../../domain/arn.js';
import type { LogGroupView } from '../../domain/logs/model.js';
import type { Scope } from '../../domain/scope.js';

export function logGroupToWire(scope: Scope, group: LogGroupView) {
  const arn = logGroupArn(scope, group.name);
  return {
    logGroupName: group.name,
    creationTime: group.creationTime,
    ...(group.retentionInDays !== undefined ? { retentionInDays: group.retentionInDays } : {}),
    metricFilterCount: 0,
    arn: `${arn}:*`,
    storedBytes: group.storedBytes,
    ...(group.kmsKeyId !== undefined ? { kmsKeyId: group.kmsKeyId } : {}),
    logGroupClass: group.logGroupClass,
    logGroupArn: arn,
  };
}
