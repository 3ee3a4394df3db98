// Where the execution role's secrets come from: Secrets Manager and SSM Parameter Store (through the AWS SDK), or a
// local file for offline use. Failures carry the service's own error, as ECS reports it in the task's reason.
import type { RoleCredentials } from '../credentials/role-credentials.js';

export interface ServiceFault {
  /** The AWS error code, e.g. ResourceNotFoundException. */
  code: string;
  message: string;
  statusCode: number;
  requestId: string;
}

export class SecretStoreError extends Error {
  constructor(readonly fault: ServiceFault) {
    super(`${fault.code}: ${fault.message}`);
  }
}

export interface SecretValueRequest {
  secretId: string;
  versionStage?: string;
  versionId?: string;
  region: string;
}

export interface ParametersResult {
  /** By the name (or ARN) as requested. */
  values: Map<string, string>;
  /** Requested names that do not exist (GetParameters' InvalidParameters). */
  invalid: string[];
}

export interface SecretStore {
  /** GetSecretValue: the SecretString ('' for a binary secret). Throws SecretStoreError. */
  getSecretValue(request: SecretValueRequest, credentials: RoleCredentials): Promise<string>;
  /** GetParameters with decryption, at most 10 names. Throws SecretStoreError. */
  getParameters(names: string[], region: string, credentials: RoleCredentials): Promise<ParametersResult>;
}
