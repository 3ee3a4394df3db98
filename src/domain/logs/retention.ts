// Retention: a group with retentionInDays keeps events whose timestamp is at most that many days old.
import type { LogGroupRecord } from './model.js';

const DAY_MS = 86_400_000;

/** Events older than this are past the group's retention (-Infinity when it keeps them forever). */
export function cutoffFor(record: Pick<LogGroupRecord, 'retentionInDays'>, now: number): number {
  return record.retentionInDays ? now - record.retentionInDays * DAY_MS : Number.NEGATIVE_INFINITY;
}
