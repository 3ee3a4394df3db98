import { untagAction, roleHolder } from '../support/tagging.js';

export const untagRole = untagAction(roleHolder);
