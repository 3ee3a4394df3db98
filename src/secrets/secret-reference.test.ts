import { describe, expect, it } from 'vitest';
import { parameterNameOf, parseSecretReference, secretNameOf, SecretReferenceError } from './secret-reference.js';

const ARN = 'arn:aws:secretsmanager:eu-west-1:111122223333:secret:db-AbCdEf';

describe('secret references (valueFrom)', () => {
  it('a Secrets Manager ARN is asked for as it is, in its own region', () => {
    expect(parseSecretReference(ARN, 'us-east-1')).toEqual({ store: 'secretsmanager', valueFrom: ARN, secretId: ARN, region: 'eu-west-1' });
  });

  it.each([
    [`${ARN}:password::`, { jsonKey: 'password' }],
    [`${ARN}:password:AWSPREVIOUS:`, { jsonKey: 'password', versionStage: 'AWSPREVIOUS' }],
    [`${ARN}::AWSCURRENT:`, { versionStage: 'AWSCURRENT' }],
    [`${ARN}:::0a1b2c3d-0000-4000-8000-000000000000`, { versionId: '0a1b2c3d-0000-4000-8000-000000000000' }],
    [`${ARN}:username:AWSCURRENT:0a1b2c3d`, { jsonKey: 'username', versionStage: 'AWSCURRENT', versionId: '0a1b2c3d' }],
  ])('%s: json-key, version-stage and version-id, the secret id without them', (valueFrom, parts) => {
    const ref = parseSecretReference(valueFrom, 'us-east-1');
    expect(ref).toEqual({ store: 'secretsmanager', valueFrom, secretId: ARN, region: 'eu-west-1', ...parts });
  });

  it.each([`${ARN}:password`, `${ARN}:a:b:c:d:e`, 'arn:aws:secretsmanager:eu-west-1:111122223333:secret', 'arn:aws:s3:::bucket/key'])(
    'refuses %s as the agent does',
    (valueFrom) => {
      expect(() => parseSecretReference(valueFrom, 'us-east-1')).toThrow(
        new SecretReferenceError(
          'an invalid ARN format for the AWS Secrets Manager secret was specified. Specify a valid ARN and try again.',
        ),
      );
    },
  );

  it('a parameter ARN is an SSM parameter in its region; a bare name is one in the task’s region', () => {
    const arn = 'arn:aws:ssm:eu-west-1:111122223333:parameter/app/db/host';
    expect(parseSecretReference(arn, 'us-east-1')).toEqual({ store: 'ssm', valueFrom: arn, name: arn, region: 'eu-west-1' });
    expect(parseSecretReference('/app/db/host', 'us-east-1')).toEqual({
      store: 'ssm',
      valueFrom: '/app/db/host',
      name: '/app/db/host',
      region: 'us-east-1',
    });
    expect(parseSecretReference('plain', 'us-west-2')).toMatchObject({ store: 'ssm', name: 'plain', region: 'us-west-2' });
  });

  it('names within ARNs', () => {
    expect(secretNameOf(ARN)).toBe('db-AbCdEf');
    expect(secretNameOf('db')).toBe('db');
    expect(parameterNameOf('arn:aws:ssm:eu-west-1:111122223333:parameter/app/db/host')).toBe('/app/db/host');
    expect(parameterNameOf('arn:aws:ssm:eu-west-1:111122223333:parameter/flag')).toBe('flag');
    expect(parameterNameOf('/x')).toBe('/x');
  });
});
