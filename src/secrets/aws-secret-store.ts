// Secrets Manager and SSM through the AWS SDK, signed with the execution role's credentials, at a configurable
// endpoint (LocalStack) or AWS's regional endpoints.
import { GetSecretValueCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { GetParametersCommand, SSMClient } from '@aws-sdk/client-ssm';
import type { RoleCredentials } from '../credentials/role-credentials.js';
import { SecretStoreError, type ParametersResult, type SecretStore, type SecretValueRequest } from './secret-store.js';

interface SdkError {
  name?: string;
  message?: string;
  $metadata?: { httpStatusCode?: number; requestId?: string };
}

function faultOf(err: unknown): SecretStoreError {
  const e = (err ?? {}) as SdkError;
  return new SecretStoreError({
    code: e.name && e.name !== 'Error' ? e.name : 'RequestError',
    message: e.message ?? String(err),
    statusCode: e.$metadata?.httpStatusCode ?? 0,
    requestId: e.$metadata?.requestId ?? '',
  });
}

export class AwsSecretStore implements SecretStore {
  constructor(private readonly endpoint: string | null) {}

  async getSecretValue(request: SecretValueRequest, credentials: RoleCredentials): Promise<string> {
    const client = new SecretsManagerClient(this.clientConfig(request.region, credentials));
    try {
      const out = await client.send(
        new GetSecretValueCommand({ SecretId: request.secretId, VersionStage: request.versionStage, VersionId: request.versionId }),
      );
      return out.SecretString ?? '';
    } catch (err) {
      throw faultOf(err);
    } finally {
      client.destroy();
    }
  }

  async getParameters(names: string[], region: string, credentials: RoleCredentials): Promise<ParametersResult> {
    const client = new SSMClient(this.clientConfig(region, credentials));
    try {
      const out = await client.send(new GetParametersCommand({ Names: names, WithDecryption: true }));
      const values = new Map<string, string>();
      for (const p of out.Parameters ?? []) {
        // Asked by ARN, the answer may name the parameter by name: match either.
        const asked = names.find((n) => n === p.Name || n === p.ARN) ?? p.Name;
        if (asked) values.set(asked, p.Value ?? '');
      }
      return { values, invalid: out.InvalidParameters ?? [] };
    } catch (err) {
      throw faultOf(err);
    } finally {
      client.destroy();
    }
  }

  private clientConfig(region: string, c: RoleCredentials) {
    return {
      region,
      ...(this.endpoint ? { endpoint: this.endpoint } : {}),
      credentials: {
        accessKeyId: c.accessKeyId,
        secretAccessKey: c.secretAccessKey,
        ...(c.sessionToken ? { sessionToken: c.sessionToken } : {}),
      },
      maxAttempts: 2,
    };
  }
}
