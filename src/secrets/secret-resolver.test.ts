import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { GetSecretValueCommand, ResourceNotFoundException, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { GetParametersCommand, SSMClient } from '@aws-sdk/client-ssm';
import { mockClient } from 'aws-sdk-client-mock';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { RoleCredentials } from '../credentials/role-credentials.js';
import { TaskStartFailure } from '../domain/task-agent.js';
import { AwsSecretStore } from './aws-secret-store.js';
import { FileSecretStore } from './file-secret-store.js';
import { resolveSecrets, type ContainerSecretsSpec } from './secret-resolver.js';

const PREFIX = 'ResourceInitializationError: unable to pull secrets or registry auth: execution resource retrieval failed: ';
const DB = 'arn:aws:secretsmanager:us-east-1:000000000000:secret:db-AbCdEf';
const EXEC_ROLE = 'arn:aws:iam::000000000000:role/exec';
const creds: RoleCredentials = {
  accessKeyId: 'ASIAEXEC',
  secretAccessKey: 'execsecret',
  sessionToken: 'exectoken',
  expiration: Date.now() + 3600_000,
};

let dir: string;
let store: FileSecretStore;

beforeAll(async () => {
  dir = await fs.mkdtemp(path.join(os.tmpdir(), 'fl-secrets-'));
  await fs.writeFile(
    path.join(dir, 'secrets.json'),
    JSON.stringify({
      secretsManager: {
        [DB]: { username: 'app', password: 'pw', port: 5432, opts: { ssl: true } },
        token: 'plain',
        'not-json': "'quoted'",
        registry: { username: 'ghuser', password: 'ghp_token' },
        half: { username: 'ghuser' },
        rotated: {
          $versions: [
            { versionId: 'v1', stages: ['AWSPREVIOUS'], value: 'old' },
            { versionId: 'v2', stages: ['AWSCURRENT'], value: 'new' },
          ],
        },
      },
      parameters: { '/app/host': 'db.internal', flag: 'on', 'arn:aws:ssm:eu-west-1:000000000000:parameter/eu/thing': 'eu' },
    }),
  );
  store = new FileSecretStore(path.join(dir, 'secrets.json'));
});
afterAll(() => fs.rm(dir, { recursive: true, force: true }));

const options = { region: 'us-east-1', executionRoleArn: EXEC_ROLE, executionCredentials: async () => creds };
const one = (secrets: ContainerSecretsSpec['secrets'], extra: Partial<ContainerSecretsSpec> = {}): ContainerSecretsSpec[] => [
  { name: 'app', secrets, ...extra },
];

async function failure(p: Promise<unknown>): Promise<string> {
  try {
    await p;
  } catch (err) {
    expect(err).toBeInstanceOf(TaskStartFailure);
    return (err as TaskStartFailure).reason;
  }
  throw new Error('resolved');
}

describe('resolving secrets from the local secrets file', () => {
  it('resolves whole secrets, JSON keys (as the agent prints them), versions and parameters', async () => {
    const r = await resolveSecrets(
      one([
        { name: 'ALL', valueFrom: DB },
        { name: 'PASSWORD', valueFrom: `${DB}:password::` },
        { name: 'PORT', valueFrom: `${DB}:port::` },
        { name: 'OPTS', valueFrom: `${DB}:opts::` },
        { name: 'BY_PARTIAL_ARN', valueFrom: 'arn:aws:secretsmanager:us-east-1:000000000000:secret:db:username::' },
        { name: 'TOKEN', valueFrom: 'arn:aws:secretsmanager:us-east-1:000000000000:secret:token-QwErTy' },
        { name: 'CURRENT', valueFrom: 'arn:aws:secretsmanager:us-east-1:000000000000:secret:rotated' },
        { name: 'PREVIOUS', valueFrom: 'arn:aws:secretsmanager:us-east-1:000000000000:secret:rotated::AWSPREVIOUS:' },
        { name: 'BY_VERSION', valueFrom: 'arn:aws:secretsmanager:us-east-1:000000000000:secret:rotated:::v1' },
        { name: 'HOST', valueFrom: '/app/host' },
        { name: 'FLAG', valueFrom: 'arn:aws:ssm:us-east-1:000000000000:parameter/flag' },
        { name: 'EU', valueFrom: 'arn:aws:ssm:eu-west-1:000000000000:parameter/eu/thing' },
      ]),
      options,
      store,
    );
    expect(r.environment.app).toEqual({
      ALL: JSON.stringify({ username: 'app', password: 'pw', port: 5432, opts: { ssl: true } }),
      PASSWORD: 'pw',
      PORT: '5432',
      OPTS: 'map[ssl:true]',
      BY_PARTIAL_ARN: 'app',
      TOKEN: 'plain',
      CURRENT: 'new',
      PREVIOUS: 'old',
      BY_VERSION: 'old',
      HOST: 'db.internal',
      FLAG: 'on',
      EU: 'eu',
    });
  });

  it('a missing secret: Fargate’s ResourceNotFoundException reason', async () => {
    const missing = 'arn:aws:secretsmanager:us-east-1:000000000000:secret:nope';
    expect(await failure(resolveSecrets(one([{ name: 'X', valueFrom: `${missing}:key::` }]), options, store))).toMatch(
      new RegExp(
        `^${escapeRegExp(PREFIX)}unable to retrieve secret from asm: service call has been retried 1 time\\(s\\): failed to fetch secret ${missing} from secrets manager: ResourceNotFoundException: Secrets Manager can't find the specified secret\\. status code: 400, request id: [0-9a-f-]{36}$`,
      ),
    );
  });

  it('a missing stage, a missing JSON key, a secret that is not JSON', async () => {
    expect(await failure(resolveSecrets(one([{ name: 'X', valueFrom: `${DB}::AWSPENDING:` }]), options, store))).toContain(
      "ResourceNotFoundException: Secrets Manager can't find the specified secret value for staging label: AWSPENDING status code: 400",
    );
    expect(await failure(resolveSecrets(one([{ name: 'X', valueFrom: `${DB}:nokey::` }]), options, store))).toBe(
      `${PREFIX}unable to retrieve secret from asm: service call has been retried 1 time(s): retrieved secret from Secrets Manager did not contain json key nokey`,
    );
    expect(
      await failure(
        resolveSecrets(
          one([{ name: 'X', valueFrom: 'arn:aws:secretsmanager:us-east-1:000000000000:secret:not-json:k::' }]),
          options,
          store,
        ),
      ),
    ).toBe(
      `${PREFIX}unable to retrieve secret from asm: service call has been retried 1 time(s): invalid character '\\'' looking for beginning of value`,
    );
  });

  it('missing parameters are listed together, as GetParameters’ InvalidParameters', async () => {
    expect(
      await failure(
        resolveSecrets(
          one([
            { name: 'A', valueFrom: '/nope/a' },
            { name: 'B', valueFrom: '/app/host' },
            { name: 'C', valueFrom: '/nope/c' },
          ]),
          options,
          store,
        ),
      ),
    ).toBe(`${PREFIX}unable to retrieve secrets from ssm: service call has been retried 1 time(s): invalid parameters: /nope/a,/nope/c`);
  });

  it('without an execution role nothing is fetched', async () => {
    expect(await failure(resolveSecrets(one([{ name: 'A', valueFrom: DB }]), { ...options, executionRoleArn: undefined }, store))).toBe(
      `${PREFIX}ASM secret resource: unable to find execution role credentials`,
    );
    expect(
      await failure(resolveSecrets(one([{ name: 'A', valueFrom: '/app/host' }]), { ...options, executionRoleArn: undefined }, store)),
    ).toBe(`${PREFIX}SSM secret resource: unable to find execution role credentials`);
  });

  it('needs no execution role, and asks for no credentials, when there is nothing to fetch', async () => {
    let asked = false;
    const r = await resolveSecrets(
      [{ name: 'app', secrets: [] }],
      {
        region: 'us-east-1',
        executionRoleArn: undefined,
        executionCredentials: async () => {
          asked = true;
          return creds;
        },
      },
      store,
    );
    expect(r).toEqual({ environment: {}, registryAuth: {} });
    expect(asked).toBe(false);
  });

  it('repositoryCredentials: the registry login, or the agent’s complaint about its shape', async () => {
    const r = await resolveSecrets(
      one([], { registryCredentials: 'arn:aws:secretsmanager:us-east-1:000000000000:secret:registry' }),
      options,
      store,
    );
    expect(r.registryAuth).toEqual({ app: { username: 'ghuser', password: 'ghp_token' } });
    expect(
      await failure(
        resolveSecrets(one([], { registryCredentials: 'arn:aws:secretsmanager:us-east-1:000000000000:secret:token' }), options, store),
      ),
    ).toBe(
      `${PREFIX}unable to retrieve secret from asm: service call has been retried 1 time(s): asm fetching authorization data: unable to unmarshal secret value, invalid schema`,
    );
    expect(
      await failure(
        resolveSecrets(one([], { registryCredentials: 'arn:aws:secretsmanager:us-east-1:000000000000:secret:half' }), options, store),
      ),
    ).toContain('asm fetching password: AuthorizationData is malformed, empty field');
  });
});

describe('resolving secrets through the AWS SDK', () => {
  const sm = mockClient(SecretsManagerClient);
  const ssm = mockClient(SSMClient);
  afterEach(() => {
    sm.reset();
    ssm.reset();
  });

  it('asks Secrets Manager for the secret (stage, version) and SSM for parameters in batches of 10, with the execution role’s keys', async () => {
    sm.on(GetSecretValueCommand).resolves({ SecretString: JSON.stringify({ password: 'from-asm' }) });
    ssm.on(GetParametersCommand).callsFake((input: { Names: string[] }) => ({
      Parameters: input.Names.map((n) => ({ Name: n, Value: `value of ${n}` })),
      InvalidParameters: [],
    }));
    const params = Array.from({ length: 12 }, (_, i) => ({ name: `P${i}`, valueFrom: `/p/${i}` }));
    const r = await resolveSecrets(
      one([{ name: 'PW', valueFrom: `${DB}:password:AWSCURRENT:` }, ...params]),
      options,
      new AwsSecretStore('http://localhost:4566'),
    );
    expect(r.environment.app!.PW).toBe('from-asm');
    expect(r.environment.app!.P11).toBe('value of /p/11');
    const asm = sm.commandCalls(GetSecretValueCommand)[0]!;
    expect(asm.args[0].input).toEqual({ SecretId: DB, VersionStage: 'AWSCURRENT', VersionId: undefined });
    expect(await asm.thisValue.config.credentials()).toMatchObject({
      accessKeyId: 'ASIAEXEC',
      secretAccessKey: 'execsecret',
      sessionToken: 'exectoken',
    });
    const batches = ssm.commandCalls(GetParametersCommand).map((c) => c.args[0].input);
    expect(batches.map((b) => b.Names!.length).sort()).toEqual([10, 2]);
    expect(batches.every((b) => b.WithDecryption === true)).toBe(true);
  });

  it('passes the service’s error on in the reason', async () => {
    sm.on(GetSecretValueCommand).rejects(
      new ResourceNotFoundException({
        message: "Secrets Manager can't find the specified secret.",
        $metadata: { httpStatusCode: 400, requestId: 'req-1' },
      }),
    );
    expect(await failure(resolveSecrets(one([{ name: 'X', valueFrom: DB }]), options, new AwsSecretStore(null)))).toBe(
      `${PREFIX}unable to retrieve secret from asm: service call has been retried 1 time(s): failed to fetch secret ${DB} from secrets manager: ResourceNotFoundException: Secrets Manager can't find the specified secret. status code: 400, request id: req-1`,
    );
  });

  it('reports GetParameters’ InvalidParameters', async () => {
    ssm.on(GetParametersCommand).resolves({ Parameters: [], InvalidParameters: ['/missing'] });
    expect(await failure(resolveSecrets(one([{ name: 'X', valueFrom: '/missing' }]), options, new AwsSecretStore(null)))).toBe(
      `${PREFIX}unable to retrieve secrets from ssm: service call has been retried 1 time(s): invalid parameters: /missing`,
    );
  });
});

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
