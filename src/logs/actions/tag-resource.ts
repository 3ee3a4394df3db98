import { resourceNotFound } from '../../domain/logs/errors.js';
import type { LogsAction } from '../context.js';
import { addTags, groupNameOfArn } from '../support/tags.js';

export const tagResource: LogsAction = (ctx, input: { resourceArn: string; tags: Record<string, string> }) => {
  addTags(ctx, groupNameOfArn(ctx, input.resourceArn), input.tags, resourceNotFound);
  return {};
};
