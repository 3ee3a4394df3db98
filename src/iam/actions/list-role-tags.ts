import { listTagsAction, roleHolder } from '../support/tagging.js';

export const listRoleTags = listTagsAction(roleHolder);
