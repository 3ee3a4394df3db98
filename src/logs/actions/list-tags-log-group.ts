import { logGroupNotFound } from '../../domain/logs/errors.js';
import type { LogsAction } from '../context.js';
import { tagsOf } from '../support/tags.js';

export const listTagsLogGroup: LogsAction = (ctx, input: { logGroupName: string }) => ({
  tags: tagsOf(ctx, input.logGroupName, logGroupNotFound),
});
