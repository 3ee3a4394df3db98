import { describe, expect, it } from 'vitest';
import { testConfig } from '../config.js';
import type { TaskRecord } from '../domain/task.js';
import type { EngineContext } from './engine-context.js';
import { platformEnvironment } from './platform-environment.js';

const scope = { accountId: '000000000000', region: 'eu-central-1' };
const task = { endpoints: { containers: { app: 'e1', side: 'e2' }, credentialsId: 'c-1' } } as unknown as TaskRecord;
const ctx = (
  taskAgent: Parameters<typeof testConfig>[0] extends infer T ? (NonNullable<T> extends { taskAgent?: infer A } ? A : never) : never,
) => ({ config: testConfig({ taskAgent }) }) as EngineContext;

describe('the variables Fargate sets', () => {
  it('execution environment and region always; each container its own endpoint id; credentials only with a task role', () => {
    expect(platformEnvironment(ctx({ metadataEndpoint: true }), scope, task, 'side')).toEqual({
      AWS_EXECUTION_ENV: 'AWS_ECS_FARGATE',
      AWS_REGION: 'eu-central-1',
      AWS_DEFAULT_REGION: 'eu-central-1',
      ECS_CONTAINER_METADATA_URI_V4: 'http://169.254.170.2/v4/e2',
      ECS_CONTAINER_METADATA_URI: 'http://169.254.170.2/v3/e2',
      ECS_AGENT_URI: 'http://169.254.170.2/api/e2',
      AWS_CONTAINER_CREDENTIALS_RELATIVE_URI: '/v2/credentials/c-1',
    });
    const noRole = { endpoints: { containers: { app: 'e1' } } } as unknown as TaskRecord;
    expect(platformEnvironment(ctx({ metadataEndpoint: true }), scope, noRole, 'app')).not.toHaveProperty(
      'AWS_CONTAINER_CREDENTIALS_RELATIVE_URI',
    );
  });

  it('an endpoint elsewhere than 169.254.170.2: full URIs, credentials by AWS_CONTAINER_CREDENTIALS_FULL_URI', () => {
    const env = platformEnvironment(ctx({ metadataEndpoint: true, metadataAddress: '10.253.0.2' }), scope, task, 'app');
    expect(env).toMatchObject({
      ECS_CONTAINER_METADATA_URI_V4: 'http://10.253.0.2/v4/e1',
      AWS_CONTAINER_CREDENTIALS_FULL_URI: 'http://10.253.0.2/v2/credentials/c-1',
    });
    expect(env).not.toHaveProperty('AWS_CONTAINER_CREDENTIALS_RELATIVE_URI');
  });

  it('no endpoint variables when this emulator does not serve 169.254.170.2; AWS_ENDPOINT_URL only when configured', () => {
    expect(Object.keys(platformEnvironment(ctx({ metadataEndpoint: false }), scope, task, 'app'))).toEqual([
      'AWS_EXECUTION_ENV',
      'AWS_REGION',
      'AWS_DEFAULT_REGION',
    ]);
    expect(platformEnvironment(ctx({ taskAwsEndpointUrl: 'http://host.docker.internal:4566' }), scope, task, 'app').AWS_ENDPOINT_URL).toBe(
      'http://host.docker.internal:4566',
    );
  });
});
