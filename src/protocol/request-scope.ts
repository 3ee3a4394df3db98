// Which account and region a request speaks for, read from its SigV4 Authorization header.
//   region:  the credential scope's region (Credential=AKID/20260101/us-east-1/ecs/aws4_request)
//   account: the access key id when it is 12 digits (LocalStack's convention), else the configured default.
import type { Scope } from '../domain/scope.js';

const CREDENTIAL_RE = /Credential=([^/,\s]+)\/\d{8}\/([a-z0-9-]+)\/[a-z0-9-]+\/aws4_request/;

export function scopeFromAuthorization(authorization: string | undefined, defaults: Scope): Scope {
  const m = authorization ? CREDENTIAL_RE.exec(authorization) : null;
  if (!m) return defaults;
  const accessKeyId = m[1]!;
  return {
    accountId: /^\d{12}$/.test(accessKeyId) ? accessKeyId : defaults.accountId,
    region: m[2]!,
  };
}
