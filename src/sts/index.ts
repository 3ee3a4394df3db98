// Every STS action this emulator answers, by name. One module per action.
import type { AwsQueryAction } from '../protocol/aws-query.js';
import { assumeRole } from './actions/assume-role.js';
import { getCallerIdentity } from './actions/get-caller-identity.js';

export const STS_ACTIONS: Readonly<Record<string, AwsQueryAction>> = {
  AssumeRole: assumeRole,
  GetCallerIdentity: getCallerIdentity,
};
