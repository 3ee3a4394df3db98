import { listTagsAction, policyHolder } from '../support/tagging.js';

export const listPolicyTags = listTagsAction(policyHolder);
