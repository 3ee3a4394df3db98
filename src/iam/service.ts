// IAM on the emulator's port, in the awsQuery protocol (API version 2010-05-08): roles with trust policies, inline
// and managed policies, attachments, tags. Stored and answered as IAM does; never enforced.
import { createAwsQueryService } from '../protocol/aws-query.js';
import type { QueryService } from '../protocol/query.js';
import { IAM_ACTIONS } from './index.js';

export const IAM_API_VERSION = '2010-05-08';

export const createIamService = (): QueryService =>
  createAwsQueryService({
    version: IAM_API_VERSION,
    xmlNamespace: 'https://iam.amazonaws.com/doc/2010-05-08/',
    actions: IAM_ACTIONS,
    name: 'iam',
  });
