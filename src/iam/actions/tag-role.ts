import { tagAction, roleHolder } from '../support/tagging.js';

export const tagRole = tagAction(roleHolder);
