import { resourceNotFound } from '../../domain/logs/errors.js';
import type { LogsAction } from '../context.js';
import { groupNameOfArn, tagsOf } from '../support/tags.js';

export const listTagsForResource: LogsAction = (ctx, input: { resourceArn: string }) => ({
  tags: tagsOf(ctx, groupNameOfArn(ctx, input.resourceArn), resourceNotFound),
});
