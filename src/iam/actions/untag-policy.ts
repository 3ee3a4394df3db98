import { untagAction, policyHolder } from '../support/tagging.js';

export const untagPolicy = untagAction(policyHolder);
