// Secrets and parameters from a local JSON file, for offline use (the --secrets-file setting). Read on every task
// start, so edits apply to the next task without a restart. The format:
//
// {
//   "secretsManager": {
//     "arn:aws:secretsmanager:us-east-1:000000000000:secret:db-AbCdEf": { "username": "app", "password": "s3cret" },
//     "api-key": "a plain string secret",
//     "rotated": { "$versions": [
//       { "versionId": "8b5a9e3c-0000-4000-8000-000000000001", "stages": ["AWSPREVIOUS"], "value": "old" },
//       { "versionId": "8b5a9e3c-0000-4000-8000-000000000002", "stages": ["AWSCURRENT"], "value": "new" } ] }
//   },
//   "parameters": {
//     "/app/db/host": "db.internal",
//     "arn:aws:ssm:us-east-1:000000000000:parameter/app/feature": "on"
//   }
// }
//
// A secret is found by its full ARN, its ARN without the 6-character suffix Secrets Manager adds, or its name; a
// string value is the SecretString as is, any other JSON value is stored as its JSON text (so `:json-key:` works).
// Without "$versions" a secret has one version, staged AWSCURRENT. A parameter is found by name or ARN.
// A missing file holds nothing: every secret is then missing, as in an empty account.
import { randomUUID } from 'node:crypto';
import fs from 'node:fs/promises';
import type { RoleCredentials } from '../credentials/role-credentials.js';
import { parameterNameOf, secretNameOf } from './secret-reference.js';
import { SecretStoreError, type ParametersResult, type SecretStore, type SecretValueRequest } from './secret-store.js';

interface SecretVersion {
  versionId?: string;
  stages: string[];
  value: unknown;
}

interface SecretsFile {
  secretsManager: Record<string, unknown>;
  parameters: Record<string, unknown>;
}

const SUFFIX = /-[A-Za-z0-9]{6}$/;

export class FileSecretStore implements SecretStore {
  constructor(private readonly file: string) {}

  async getSecretValue(request: SecretValueRequest, _credentials: RoleCredentials): Promise<string> {
    const { secretsManager } = await this.load();
    const key = findSecretKey(Object.keys(secretsManager), request.secretId);
    if (key === undefined) throw notFound("Secrets Manager can't find the specified secret.");
    const version = pickVersion(versionsOf(secretsManager[key]), request);
    return typeof version.value === 'string' ? version.value : JSON.stringify(version.value);
  }

  async getParameters(names: string[], _region: string, _credentials: RoleCredentials): Promise<ParametersResult> {
    const { parameters } = await this.load();
    const values = new Map<string, string>();
    const invalid: string[] = [];
    for (const name of names) {
      const key = Object.keys(parameters).find((k) => parameterNamesMatch(k, name));
      if (key === undefined) invalid.push(name);
      else values.set(name, typeof parameters[key] === 'string' ? (parameters[key] as string) : JSON.stringify(parameters[key]));
    }
    return { values, invalid };
  }

  private async load(): Promise<SecretsFile> {
    let text: string;
    try {
      text = await fs.readFile(this.file, 'utf8');
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return { secretsManager: {}, parameters: {} };
      throw err;
    }
    let doc: unknown;
    try {
      doc = JSON.parse(text);
    } catch (err) {
      throw new Error(`secrets file ${this.file} is not valid JSON: ${(err as Error).message}`);
    }
    const obj = (doc && typeof doc === 'object' && !Array.isArray(doc) ? doc : {}) as Partial<SecretsFile>;
    return { secretsManager: objectOr(obj.secretsManager), parameters: objectOr(obj.parameters) };
  }
}

function objectOr(v: unknown): Record<string, unknown> {
  return v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : {};
}

function notFound(message: string): SecretStoreError {
  return new SecretStoreError({ code: 'ResourceNotFoundException', message, statusCode: 400, requestId: randomUUID() });
}

/** Exact key first, then the same name, then the same name once Secrets Manager's 6-character suffix is dropped. */
export function findSecretKey(keys: string[], secretId: string): string | undefined {
  const wanted = secretNameOf(secretId);
  return (
    keys.find((k) => k === secretId) ??
    keys.find((k) => secretNameOf(k) === wanted) ??
    keys.find((k) => secretNameOf(k).replace(SUFFIX, '') === wanted || secretNameOf(k) === wanted.replace(SUFFIX, ''))
  );
}

/** `x` and `/x` share one ARN (`parameter/x`), so a one-level ARN matches either name. */
export function parameterNamesMatch(key: string, requested: string): boolean {
  if (key === requested) return true;
  const a = parameterNameOf(key);
  const b = parameterNameOf(requested);
  const loose = (s: string) => s.replace(/^\//, '');
  return a === b || ((key.startsWith('arn:') || requested.startsWith('arn:')) && loose(a) === loose(b));
}

function versionsOf(entry: unknown): SecretVersion[] {
  const listed = (entry as { $versions?: unknown } | null)?.$versions;
  if (entry && typeof entry === 'object' && Array.isArray(listed)) {
    return listed.map((v: { versionId?: string; stages?: string[]; value?: unknown }) => ({
      versionId: v.versionId,
      stages: Array.isArray(v.stages) ? v.stages : [],
      value: v.value ?? '',
    }));
  }
  return [{ stages: ['AWSCURRENT'], value: entry }];
}

function pickVersion(versions: SecretVersion[], request: SecretValueRequest): SecretVersion {
  if (request.versionId) {
    const v = versions.find((x) => x.versionId === request.versionId && (!request.versionStage || x.stages.includes(request.versionStage)));
    if (!v) throw notFound(`Secrets Manager can't find the specified secret value for VersionId: ${request.versionId}`);
    return v;
  }
  const stage = request.versionStage ?? 'AWSCURRENT';
  const v = versions.find((x) => x.stages.includes(stage));
  if (!v) throw notFound(`Secrets Manager can't find the specified secret value for staging label: ${stage}`);
  return v;
}
