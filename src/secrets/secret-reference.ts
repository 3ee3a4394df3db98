// What a container definition's `secrets[].valueFrom` (and `repositoryCredentials.credentialsParameter`) names:
//   Secrets Manager: a secret ARN, optionally followed by `:json-key:version-stage:version-id` (each part may be
//                    empty), e.g. arn:aws:secretsmanager:us-east-1:111122223333:secret:db-AbCdEf:password::
//   SSM Parameter Store: a parameter ARN (arn:aws:ssm:<region>:<account>:parameter/<name>), or a parameter name
//                    when it lives in the task's region.
// The parsing follows the ECS agent's (amazon-ecs-agent, agent/taskresource/asmsecret): a Secrets Manager ARN's
// resource has either 2 parts (`secret:<id>`) or 5 (`secret:<id>:<json-key>:<stage>:<version-id>`).
import { joinArn, splitArn } from '../domain/arn.js';

export interface SecretsManagerReference {
  store: 'secretsmanager';
  valueFrom: string;
  /** The secret ARN without the json-key/stage/version parts (what GetSecretValue is asked for). */
  secretId: string;
  region: string;
  jsonKey?: string;
  versionStage?: string;
  versionId?: string;
}

export interface ParameterReference {
  store: 'ssm';
  valueFrom: string;
  /** As given: a name or a parameter ARN (GetParameters accepts both). */
  name: string;
  region: string;
}

export type SecretReference = SecretsManagerReference | ParameterReference;

export const INVALID_SECRET_ARN =
  'an invalid ARN format for the AWS Secrets Manager secret was specified. Specify a valid ARN and try again.';

export class SecretReferenceError extends Error {}

const emptyToUndefined = (s: string | undefined) => (s ? s : undefined);

/** Parses a `valueFrom`; throws SecretReferenceError for a Secrets Manager ARN of the wrong shape. */
export function parseSecretReference(valueFrom: string, taskRegion: string): SecretReference {
  const arn = splitArn(valueFrom);
  if (!arn) return { store: 'ssm', valueFrom, name: valueFrom, region: taskRegion };
  if (arn.service === 'ssm') return { store: 'ssm', valueFrom, name: valueFrom, region: arn.region || taskRegion };
  if (arn.service !== 'secretsmanager') throw new SecretReferenceError(INVALID_SECRET_ARN);
  const parts = arn.resource.split(':');
  const region = arn.region || taskRegion;
  if (parts.length === 2 && parts[0] === 'secret' && parts[1]) return { store: 'secretsmanager', valueFrom, secretId: valueFrom, region };
  if (parts.length !== 5 || parts[0] !== 'secret' || !parts[1]) throw new SecretReferenceError(INVALID_SECRET_ARN);
  return {
    store: 'secretsmanager',
    valueFrom,
    secretId: joinArn({ ...arn, resource: `secret:${parts[1]}` }),
    region,
    jsonKey: emptyToUndefined(parts[2]),
    versionStage: emptyToUndefined(parts[3]),
    versionId: emptyToUndefined(parts[4]),
  };
}

/** The secret's name within an ARN (`secret:<name>` → `<name>`), or the value itself when it is not an ARN. */
export function secretNameOf(secretId: string): string {
  const arn = splitArn(secretId);
  return arn ? arn.resource.replace(/^secret:/, '') : secretId;
}

/** The parameter's name within an ARN (`parameter/a/b` → `/a/b`; `parameter/x` → `x`), or the value itself. */
export function parameterNameOf(nameOrArn: string): string {
  const arn = splitArn(nameOrArn);
  if (!arn?.resource.startsWith('parameter/')) return nameOrArn;
  const rest = arn.resource.slice('parameter/'.length);
  return rest.includes('/') ? `/${rest}` : rest;
}
