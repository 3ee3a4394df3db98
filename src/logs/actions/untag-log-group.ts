import { logGroupNotFound } from '../../domain/logs/errors.js';
import type { LogsAction } from '../context.js';
import { removeTags } from '../support/tags.js';

export const untagLogGroup: LogsAction = (ctx, input: { logGroupName: string; tags: string[] }) => {
  removeTags(ctx, input.logGroupName, input.tags, logGroupNotFound);
  return {};
};
