// STS AssumeRole of the task's role, against a configurable endpoint (LocalStack, or AWS itself for people who test
// against it). The STS client signs with the host's own credentials. ECS names the session after the task id.
import { AssumeRoleCommand, STSClient } from '@aws-sdk/client-sts';
import { CredentialsIssueError, type CredentialsProvider, type RoleCredentials, type RoleCredentialsRequest } from './role-credentials.js';

/** AssumeRole's DurationSeconds range. */
const MIN_DURATION_SECONDS = 900;
const MAX_DURATION_SECONDS = 43200;

export interface StsCredentialsOptions {
  /** null: STS's regional endpoint on AWS. */
  endpoint: string | null;
}

export class StsCredentialsProvider implements CredentialsProvider {
  private readonly clients = new Map<string, STSClient>();

  constructor(private readonly options: StsCredentialsOptions) {}

  async issue(request: RoleCredentialsRequest): Promise<RoleCredentials> {
    const duration = Math.min(MAX_DURATION_SECONDS, Math.max(MIN_DURATION_SECONDS, request.durationSeconds));
    let out;
    try {
      out = await this.client(request.region).send(
        new AssumeRoleCommand({ RoleArn: request.roleArn, RoleSessionName: request.sessionName, DurationSeconds: duration }),
      );
    } catch (err) {
      const name = (err as { name?: string }).name;
      const message = err instanceof Error ? err.message : String(err);
      throw new CredentialsIssueError(name && name !== 'Error' ? `${name}: ${message}` : message);
    }
    const c = out.Credentials;
    if (!c?.AccessKeyId || !c.SecretAccessKey || !c.SessionToken || !c.Expiration) {
      throw new CredentialsIssueError('STS AssumeRole returned no credentials');
    }
    return {
      accessKeyId: c.AccessKeyId,
      secretAccessKey: c.SecretAccessKey,
      sessionToken: c.SessionToken,
      expiration: c.Expiration.getTime(),
    };
  }

  close(): void {
    for (const client of this.clients.values()) client.destroy();
    this.clients.clear();
  }

  private client(region: string): STSClient {
    let client = this.clients.get(region);
    if (!client) {
      client = new STSClient({ region, ...(this.options.endpoint ? { endpoint: this.options.endpoint } : {}), maxAttempts: 2 });
      this.clients.set(region, client);
    }
    return client;
  }
}
