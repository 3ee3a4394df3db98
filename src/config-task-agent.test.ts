import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { readConfig } from './config.js';

const cwd = '/srv/app';
afterEach(() => vi.unstubAllEnvs());

describe('task agent settings', () => {
  it('defaults: metadata endpoint on, static credentials for 6 hours, secrets from a local file', () => {
    expect(readConfig([], {}, cwd).taskAgent).toEqual({
      metadataEndpoint: true,
      metadataAddress: '169.254.170.2',
      credentialsSource: 'static',
      credentialsLifetimeMs: 21_600_000,
      awsEndpoint: null,
      secretsSource: 'file',
      secretsFile: path.join(cwd, 'fargate-local-secrets.json'),
      environmentFilesDir: path.join(cwd, 'fargate-local-s3'),
      taskAwsEndpointUrl: null,
      agentNetwork: null,
    });
  });

  it('flags', () => {
    const c = readConfig(
      [
        '--no-metadata-endpoint',
        '--credentials-source',
        'sts',
        '--credentials-lifetime',
        '900',
        '--aws-endpoint',
        'http://localhost:4566',
        '--secrets-source',
        'aws',
        '--secrets-file',
        's.json',
        '--environment-files-dir',
        '/data/s3',
        '--task-aws-endpoint-url',
        'http://localstack:4566',
        '--agent-network',
        'fl_agent',
      ],
      {},
      cwd,
    ).taskAgent;
    expect(c).toEqual({
      metadataEndpoint: false,
      metadataAddress: '169.254.170.2',
      credentialsSource: 'sts',
      credentialsLifetimeMs: 900_000,
      awsEndpoint: 'http://localhost:4566',
      secretsSource: 'aws',
      secretsFile: path.join(cwd, 's.json'),
      environmentFilesDir: '/data/s3',
      taskAwsEndpointUrl: 'http://localstack:4566',
      agentNetwork: 'fl_agent',
    });
  });

  it('environment variables (read by commander from the process); the bare AWS_ENDPOINT_URL switch points tasks back here', () => {
    vi.stubEnv('FARGATE_LOCAL_CREDENTIALS_SOURCE', 'host');
    vi.stubEnv('FARGATE_LOCAL_TASK_AWS_ENDPOINT_URL', 'true');
    vi.stubEnv('FARGATE_LOCAL_AGENT_NETWORK', 'net');
    vi.stubEnv('FARGATE_LOCAL_NO_METADATA_ENDPOINT', '0');
    const c = readConfig([], process.env, cwd).taskAgent;
    expect(c).toMatchObject({
      credentialsSource: 'host',
      taskAwsEndpointUrl: 'http://169.254.170.2',
      metadataEndpoint: true,
      agentNetwork: 'net',
    });
    vi.stubEnv('FARGATE_LOCAL_NO_METADATA_ENDPOINT', '1');
    expect(readConfig([], process.env, cwd).taskAgent.metadataEndpoint).toBe(false);
    vi.unstubAllEnvs();
    expect(readConfig(['--task-aws-endpoint-url'], {}, cwd).taskAgent.taskAwsEndpointUrl).toBe('http://169.254.170.2');
  });

  it('refuses a credentials source it does not know, a lifetime out of range, an endpoint that is not a URL', () => {
    expect(() => readConfig(['--credentials-source', 'imds'], {}, cwd)).toThrow();
    expect(() => readConfig(['--credentials-lifetime', '10'], {}, cwd)).toThrow(
      /credentials-lifetime must be a whole number from 60 to 43200/,
    );
    expect(() => readConfig(['--aws-endpoint', 'localhost:4566'], {}, cwd)).toThrow(/http\(s\) URL|not a URL/);
  });
});
