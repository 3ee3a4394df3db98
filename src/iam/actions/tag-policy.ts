import { tagAction, policyHolder } from '../support/tagging.js';

export const tagPolicy = tagAction(policyHolder);
