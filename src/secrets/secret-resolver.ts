// Resolving a task's secrets and private-registry credentials with its execution role, as Fargate does before
// any container starts. A failure stops the task (TaskFailedToStart) with Fargate's reason, e.g.
//   ResourceInitializationError: unable to pull secrets or registry auth: execution resource retrieval failed:
//   unable to retrieve secret from asm: service call has been retried 1 time(s): failed to fetch secret <arn> from
//   secrets manager: ResourceNotFoundException: Secrets Manager can't find the specified secret. status code: 400,
//   request id: <uuid>
// (text as captured from Fargate tasks in public issue reports, 2021-2024; the SSM form follows the agent's
// `invalid parameters: <names>`).
import type { RoleCredentials } from '../credentials/role-credentials.js';
import { TaskStartFailure } from '../domain/task-agent.js';
import type { RegistryAuth } from '../domain/task-runtime.js';
import { goJsonError, goUnmarshalTypeError, goValue } from './go-format.js';
import { parseSecretReference, SecretReferenceError, type ParameterReference, type SecretsManagerReference } from './secret-reference.js';
import { SecretStoreError, type SecretStore, type ServiceFault } from './secret-store.js';

export const SECRETS_FAILURE_PREFIX =
  'ResourceInitializationError: unable to pull secrets or registry auth: execution resource retrieval failed: ';
const ASM_CALL = 'unable to retrieve secret from asm: service call has been retried 1 time(s): ';
const SSM_CALL = 'unable to retrieve secrets from ssm: service call has been retried 1 time(s): ';
/** GetParameters takes at most 10 names. */
const SSM_BATCH = 10;

export interface ContainerSecretsSpec {
  name: string;
  secrets: { name: string; valueFrom: string }[];
  /** repositoryCredentials.credentialsParameter: a Secrets Manager secret with {"username","password"}. */
  registryCredentials?: string;
}

export interface ResolvedSecrets {
  /** By container name: environment variable -> value. */
  environment: Record<string, Record<string, string>>;
  /** By container name. */
  registryAuth: Record<string, RegistryAuth>;
}

export interface ResolveOptions {
  region: string;
  executionRoleArn: string | undefined;
  /** The execution role's credentials (called at most once, only when something needs them). */
  executionCredentials: () => Promise<RoleCredentials>;
}

const faultText = (f: ServiceFault) => `${f.code}: ${f.message} status code: ${f.statusCode}, request id: ${f.requestId}`;

export async function resolveSecrets(
  containers: ContainerSecretsSpec[],
  options: ResolveOptions,
  store: SecretStore,
): Promise<ResolvedSecrets> {
  const resolved: ResolvedSecrets = { environment: {}, registryAuth: {} };
  const wanted = containers.filter((c) => c.secrets.length > 0 || c.registryCredentials);
  if (wanted.length === 0) return resolved;
  if (!options.executionRoleArn) {
    const which = wanted.some((c) => c.secrets.some((s) => s.valueFrom.includes(':secretsmanager:')) || c.registryCredentials)
      ? 'ASM'
      : 'SSM';
    throw new TaskStartFailure(`${SECRETS_FAILURE_PREFIX}${which} secret resource: unable to find execution role credentials`);
  }
  let credentials: RoleCredentials;
  try {
    credentials = await options.executionCredentials();
  } catch (err) {
    throw new TaskStartFailure(`${SECRETS_FAILURE_PREFIX}unable to get credentials for the task execution role: ${(err as Error).message}`);
  }

  const asm: { container: string; env: string; ref: SecretsManagerReference }[] = [];
  const ssm: { container: string; env: string; ref: ParameterReference }[] = [];
  for (const c of wanted) {
    resolved.environment[c.name] = {};
    for (const s of c.secrets) {
      let ref;
      try {
        ref = parseSecretReference(s.valueFrom, options.region);
      } catch (err) {
        if (!(err instanceof SecretReferenceError)) throw err;
        throw new TaskStartFailure(
          `${SECRETS_FAILURE_PREFIX}${ASM_CALL}trying to retrieve secret with value ${s.valueFrom} resulted in error: ${err.message}`,
        );
      }
      if (ref.store === 'secretsmanager') asm.push({ container: c.name, env: s.name, ref });
      else ssm.push({ container: c.name, env: s.name, ref });
    }
  }

  await Promise.all([
    ...asm.map(async ({ container, env, ref }) => {
      resolved.environment[container]![env] = await secretsManagerValue(store, ref, credentials);
    }),
    ...parameterBatches(ssm).map(async (batch) => {
      const values = await parameterValues(
        store,
        batch.map((b) => b.ref),
        credentials,
      );
      for (const b of batch) resolved.environment[b.container]![b.env] = values.get(b.ref.name)!;
    }),
    ...wanted
      .filter((c) => c.registryCredentials)
      .map(async (c) => {
        resolved.registryAuth[c.name] = await registryAuth(store, c.registryCredentials!, options.region, credentials);
      }),
  ]);
  return resolved;
}

async function secretsManagerValue(store: SecretStore, ref: SecretsManagerReference, credentials: RoleCredentials): Promise<string> {
  let text: string;
  try {
    text = await store.getSecretValue(
      { secretId: ref.secretId, versionStage: ref.versionStage, versionId: ref.versionId, region: ref.region },
      credentials,
    );
  } catch (err) {
    throw new TaskStartFailure(
      `${SECRETS_FAILURE_PREFIX}${ASM_CALL}failed to fetch secret ${ref.secretId} from secrets manager: ${describe(err)}`,
    );
  }
  if (!ref.jsonKey) return text;
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch {
    throw new TaskStartFailure(`${SECRETS_FAILURE_PREFIX}${ASM_CALL}${goJsonError(text)}`);
  }
  if (doc !== null && (typeof doc !== 'object' || Array.isArray(doc))) {
    throw new TaskStartFailure(`${SECRETS_FAILURE_PREFIX}${ASM_CALL}${goUnmarshalTypeError(doc)}`);
  }
  const map = (doc ?? {}) as Record<string, unknown>;
  if (!Object.hasOwn(map, ref.jsonKey)) {
    throw new TaskStartFailure(
      `${SECRETS_FAILURE_PREFIX}${ASM_CALL}retrieved secret from Secrets Manager did not contain json key ${ref.jsonKey}`,
    );
  }
  return goValue(map[ref.jsonKey]);
}

function parameterBatches<T extends { ref: ParameterReference }>(items: T[]): T[][] {
  const byRegion = new Map<string, T[]>();
  for (const item of items) byRegion.set(item.ref.region, [...(byRegion.get(item.ref.region) ?? []), item]);
  const batches: T[][] = [];
  for (const group of byRegion.values()) {
    const unique = [...new Map(group.map((g) => [g.ref.name, g])).values()];
    for (let i = 0; i < unique.length; i += SSM_BATCH) {
      const names = new Set(unique.slice(i, i + SSM_BATCH).map((u) => u.ref.name));
      batches.push(group.filter((g) => names.has(g.ref.name)));
    }
  }
  return batches;
}

async function parameterValues(store: SecretStore, refs: ParameterReference[], credentials: RoleCredentials): Promise<Map<string, string>> {
  const names = [...new Set(refs.map((r) => r.name))];
  let result;
  try {
    result = await store.getParameters(names, refs[0]!.region, credentials);
  } catch (err) {
    throw new TaskStartFailure(`${SECRETS_FAILURE_PREFIX}${SSM_CALL}${describe(err)}`);
  }
  const missing = [...result.invalid, ...names.filter((n) => !result.values.has(n) && !result.invalid.includes(n))];
  if (missing.length > 0) throw new TaskStartFailure(`${SECRETS_FAILURE_PREFIX}${SSM_CALL}invalid parameters: ${missing.join(',')}`);
  return result.values;
}

/** repositoryCredentials: the agent's wording for each way the secret can be wrong (agent/asm/asm.go). */
async function registryAuth(store: SecretStore, secretId: string, region: string, credentials: RoleCredentials): Promise<RegistryAuth> {
  const fail = (detail: string) => new TaskStartFailure(`${SECRETS_FAILURE_PREFIX}${ASM_CALL}${detail}`);
  let text: string;
  try {
    const ref = parseSecretReference(secretId, region);
    text = await store.getSecretValue({ secretId, region: ref.region }, credentials);
  } catch (err) {
    throw fail(`asm fetching secret from the service for ${secretId}: ${describe(err)}`);
  }
  if (text === '') throw fail('asm fetching authorization data: empty secrets value');
  let doc: { username?: unknown; password?: unknown };
  try {
    doc = JSON.parse(text) as typeof doc;
    if (!doc || typeof doc !== 'object') throw new Error('not an object');
  } catch {
    throw fail('asm fetching authorization data: unable to unmarshal secret value, invalid schema');
  }
  if (typeof doc.username !== 'string' || doc.username === '')
    throw fail('asm fetching username: AuthorizationData is malformed, empty field');
  if (typeof doc.password !== 'string' || doc.password === '')
    throw fail('asm fetching password: AuthorizationData is malformed, empty field');
  return { username: doc.username, password: doc.password };
}

function describe(err: unknown): string {
  if (err instanceof SecretStoreError) return faultText(err.fault);
  return err instanceof Error ? err.message : String(err);
}
