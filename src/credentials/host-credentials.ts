// The host's own credentials (environment, shared config, SSO, ...), resolved by the AWS SDK's default chain and
// passed through to every task. Long-term keys have no expiry: they are handed out with the configured lifetime so
// SDKs in the task come back for them now and then.
import { fromNodeProviderChain } from '@aws-sdk/credential-providers';
import type { Clock } from '../domain/ports.js';
import { CredentialsIssueError, type CredentialsProvider, type RoleCredentials, type RoleCredentialsRequest } from './role-credentials.js';

/** A credentials source as the AWS SDK has them (a function resolving to keys). */
export type HostCredentialsChain = () => ReturnType<ReturnType<typeof fromNodeProviderChain>>;

export class HostCredentialsProvider implements CredentialsProvider {
  constructor(
    private readonly clock: Clock,
    private readonly chain: HostCredentialsChain = fromNodeProviderChain(),
  ) {}

  async issue(request: RoleCredentialsRequest): Promise<RoleCredentials> {
    let identity;
    try {
      identity = await this.chain();
    } catch (err) {
      throw new CredentialsIssueError(`no credentials on the host: ${err instanceof Error ? err.message : String(err)}`);
    }
    const lifetimeEnd = this.clock.now() + request.durationSeconds * 1000;
    const own = identity.expiration?.getTime();
    return {
      accessKeyId: identity.accessKeyId,
      secretAccessKey: identity.secretAccessKey,
      sessionToken: identity.sessionToken ?? '',
      expiration: own !== undefined ? Math.min(own, lifetimeEnd) : lifetimeEnd,
    };
  }
}
