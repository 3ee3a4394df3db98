// STS on the emulator's port, in the awsQuery protocol (API version 2011-06-15): who is asking, and role sessions.
import { createAwsQueryService } from '../protocol/aws-query.js';
import type { QueryService } from '../protocol/query.js';
import { STS_ACTIONS } from './index.js';

export const STS_API_VERSION = '2011-06-15';

export const createStsService = (): QueryService =>
  createAwsQueryService({
    version: STS_API_VERSION,
    xmlNamespace: 'https://sts.amazonaws.com/doc/2011-06-15/',
    actions: STS_ACTIONS,
    name: 'sts',
  });
