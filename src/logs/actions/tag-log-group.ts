import { logGroupNotFound } from '../../domain/logs/errors.js';
import type { LogsAction } from '../context.js';
import { addTags } from '../support/tags.js';

export const tagLogGroup: LogsAction = (ctx, input: { logGroupName: string; tags: Record<string, string> }) => {
  addTags(ctx, input.logGroupName, input.tags, logGroupNotFound);
  return {};
};
