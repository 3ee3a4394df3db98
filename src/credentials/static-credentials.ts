// Fake credentials that look like STS session credentials and are unique per issue: an application can tell two
// tasks apart by their keys, and nothing it does with them reaches a real AWS account.
import { randomBytes } from 'node:crypto';
import type { Clock } from '../domain/ports.js';
import type { CredentialsProvider, RoleCredentials, RoleCredentialsRequest } from './role-credentials.js';

const BASE32 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

function base32(length: number): string {
  return Array.from(randomBytes(length), (b) => BASE32[b % 32]).join('');
}

export class StaticCredentialsProvider implements CredentialsProvider {
  constructor(private readonly clock: Clock) {}

  async issue(request: RoleCredentialsRequest): Promise<RoleCredentials> {
    return {
      // ASIA: the prefix of temporary (STS) access keys.
      accessKeyId: `ASIA${base32(16)}`,
      secretAccessKey: randomBytes(30).toString('base64'),
      sessionToken: randomBytes(192).toString('base64'),
      expiration: this.clock.now() + request.durationSeconds * 1000,
    };
  }
}
