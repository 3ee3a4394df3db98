import { resourceNotFound } from '../../domain/logs/errors.js';
import type { LogsAction } from '../context.js';
import { groupNameOfArn, removeTags } from '../support/tags.js';

export const untagResource: LogsAction = (ctx, input: { resourceArn: string; tagKeys: string[] }) => {
  removeTags(ctx, groupNameOfArn(ctx, input.resourceArn), input.tagKeys, resourceNotFound);
  return {};
};
